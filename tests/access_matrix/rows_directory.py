from . import Row, forum, workspace

VIEW = ("coordinator", "auditor")
MANAGE = ("coordinator",)


def _org(w):
    return {"forum": w.forum.slug, "pk": w.organisation.pk}


def _person(w):
    return {"forum": w.forum.slug, "pk": w.representative.pk}


def _fmt(w):
    return {"forum": w.forum.slug, "fmt": "xlsx"}


ROWS = [
    Row("directory:organisation_list", forum, workspace(*VIEW)),
    Row("directory:organisation_list", forum, workspace(*VIEW), query="q=bozsok&kind=civil"),
    Row("directory:organisation_export", _fmt, workspace(*VIEW)),
    Row("directory:organisation_create", forum, workspace(*MANAGE)),
    Row("directory:organisation_create", forum, workspace(*MANAGE), method="POST"),
    Row("directory:organisation_detail", _org, workspace(*VIEW)),
    Row("directory:organisation_edit", _org, workspace(*MANAGE)),
    Row("directory:organisation_archive", _org, workspace(*MANAGE), method="POST"),
    Row("directory:person_list", forum, workspace(*VIEW)),
    Row("directory:person_export", _fmt, workspace(*VIEW)),
    Row("directory:person_create", forum, workspace(*MANAGE)),
    Row("directory:person_detail", _person, workspace(*VIEW)),
    Row("directory:person_edit", _person, workspace(*MANAGE)),
    Row("directory:person_archive", _person, workspace(*MANAGE), method="POST"),
    Row("directory:person_grant_login", _person, workspace(*MANAGE), method="POST"),
]

for kind in ("organisations", "people"):
    ROWS += [
        Row(f"directory:import_{kind}", forum, workspace(*MANAGE)),
        Row(f"directory:import_example_{kind}", lambda w: {**forum(w), "fmt": "csv"},
            workspace(*MANAGE)),
    ]


def _batch_row(kind):
    def kwargs(w):
        from kerekasztal.core.models import ImportBatch

        batch = ImportBatch.objects.create(forum=w.forum, kind=f"directory.{kind}",
                                           filename="x.csv")
        return {"forum": w.forum.slug, "batch": batch.pk}

    return Row(f"directory:import_preview_{kind}", kwargs, workspace(*MANAGE))


ROWS += [_batch_row("organisations"), _batch_row("people")]
