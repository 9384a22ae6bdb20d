import xml.etree.ElementTree as ET  # noqa: S405 - parses our own output

from kerekasztal.territory.geo import project


def test_projects_the_districts_settlements_into_one_box():
    codes = ["16832", "05023"]  # Kőszeg, Bozsok
    projection = project("settlements", codes, width=400)
    assert {shape.code for shape in projection.shapes} == set(codes)
    width, height = (float(v) for v in projection.view_box.split()[2:])
    assert width == 400 and 0 < height < 800
    for shape in projection.shapes:
        numbers = [float(n) for n in shape.path.replace("M", " ").replace("L", " ")
                   .replace("Z", " ").split()]
        assert all(-0.5 <= n <= max(width, height) + 0.5 for n in numbers)


def test_unknown_codes_are_ignored_and_empty_selection_gives_empty_box():
    assert project("settlements", ["99999"]).shapes == ()
    # A forum without settlements (a Budapest district) maps nothing, not the whole country.
    assert project("settlements", []).shapes == ()


def test_the_national_county_map_is_valid_svg_path_data():
    projection = project("counties")
    assert len(projection.shapes) == 20
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{projection.view_box}">'
           + "".join(f'<path d="{s.path}"/>' for s in projection.shapes) + "</svg>")
    assert ET.fromstring(svg).tag.endswith("svg")  # noqa: S314


def test_points_are_projected_into_the_same_box():
    projection = project("settlements", ["16832"], points={"koszeg": (47.389, 16.541)})
    x, y = projection.points["koszeg"]
    width, height = (float(v) for v in projection.view_box.split()[2:])
    assert 0 <= x <= width and 0 <= y <= height


def test_a_projection_without_points_is_made_once_per_codes_and_width():
    """The SZÚT report draws a forum's settlements once per service type: the same
    projection, not made again; with points, or another width, it is made anew."""
    codes = ["03115", "04729"]
    first = project("settlements", codes, width=300)
    assert project("settlements", list(codes), width=300) is first
    assert project("settlements", codes, width=520) is not first
    with_points = project("settlements", codes, width=300, points={"x": (47.3, 16.5)})
    assert with_points is not first and with_points.shapes == first.shapes
    assert set(with_points.points) == {"x"}
