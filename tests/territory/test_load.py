import pytest
from django.core.management import call_command

from kerekasztal.territory.models import County, District, Settlement
from kerekasztal.territory.services import territory_load

pytestmark = pytest.mark.django_db


def test_counts_after_load():
    assert Settlement.objects.count() == 3155
    assert District.objects.count() == 197
    assert District.objects.filter(is_budapest_district=True).count() == 23
    assert County.objects.count() == 20


def test_koszeg_is_in_the_koszegi_district_in_vas():
    koszeg = Settlement.objects.select_related("district", "county").get(name="Kőszeg")
    assert koszeg.ksh_code == "16832"
    assert koszeg.district.name == "Kőszegi járás"
    assert koszeg.county.name == "Vas"
    assert koszeg.is_district_seat


def test_budapest_has_no_district_and_kerulets_belong_to_budapest():
    budapest = Settlement.objects.get(name="Budapest")
    assert budapest.district is None
    assert District.objects.get(code="013").county.name == "Budapest"


def test_population_sums_to_the_national_total():
    assert sum(Settlement.objects.values_list("population", flat=True)) == 9_584_627


def test_second_load_is_a_no_op_and_does_not_duplicate():
    result = territory_load()
    assert result.changed is False
    assert Settlement.objects.count() == 3155


def test_forced_load_restores_edited_rows_without_duplicates():
    Settlement.objects.filter(name="Kőszeg").update(population=1)
    result = territory_load(force=True)
    assert result.changed is True
    assert Settlement.objects.get(name="Kőszeg").population == 11757
    assert Settlement.objects.count() == 3155


def test_command_reports_the_counts(capsys):
    call_command("load_territory")
    assert "3155 settlements" in capsys.readouterr().out
