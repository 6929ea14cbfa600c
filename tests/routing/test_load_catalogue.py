import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from intake.catalogue import DEFAULT_CATALOGUE
from routing.models import Administration, Department, ExternalAuthority


def _snapshot():
    return [
        list(model.objects.order_by("code").values())
        for model in (Administration, Department, ExternalAuthority)
    ]


def test_loads_the_shipped_catalogue_in_both_languages(db):
    call_command("load_catalogue", verbosity=0)
    assert Administration.objects.count() == 6
    assert Department.objects.count() == 14
    assert ExternalAuthority.objects.count() == 8
    city_use = Department.objects.select_related("administration").get(code="city_use")
    assert city_use.administration.code == "tmf"
    with translation.override("da"):
        assert city_use.name == "Center for Byens Anvendelse"
    with translation.override("en"):
        assert city_use.name == "Centre for City Use"
    assert Department.objects.get(code="kes").is_kes


def test_every_external_authority_says_what_the_business_does_there(db):
    call_command("load_catalogue", verbosity=0)
    police = ExternalAuthority.objects.get(code="police")
    assert police.guidance_da.startswith("Søg alkoholbevilling")
    assert police.guidance_en.startswith("Apply to the police")
    assert not ExternalAuthority.objects.filter(guidance_da="").exists()
    assert not ExternalAuthority.objects.filter(guidance_en="").exists()


def test_loading_twice_changes_nothing(db, capsys):
    call_command("load_catalogue", str(DEFAULT_CATALOGUE))
    first = _snapshot()
    with CaptureQueriesContext(connection) as queries:
        call_command("load_catalogue", str(DEFAULT_CATALOGUE))
    assert _snapshot() == first
    assert "nothing changed" in capsys.readouterr().out
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_changed_text_updates_in_place(db, tmp_path):
    data = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    call_command("load_catalogue", verbosity=0)
    pk = Department.objects.get(code="parks").pk
    data["departments"][6]["name"]["en"] = "Parks and Nature Centre"
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    call_command("load_catalogue", str(path), verbosity=0)
    parks = Department.objects.get(code="parks")
    assert (parks.pk, parks.name_en) == (pk, "Parks and Nature Centre")


def test_load_takes_constant_queries_whatever_the_size(db, tmp_path):
    def catalogue(n):
        return {
            "administrations": [{"code": "tmf", "name": {"da": "T", "en": "T"}}],
            "departments": [
                {"code": f"d{i}", "administration": "tmf", "name": {"da": f"C{i}", "en": f"C{i}"}}
                for i in range(n)
            ],
        }

    counts = []
    Administration.objects.create(code="tmf", name_da="T", name_en="T")
    for n in (2, 40):
        path = tmp_path / f"c{n}.yaml"
        path.write_text(yaml.safe_dump(catalogue(n)), encoding="utf-8")
        Department.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            call_command("load_catalogue", str(path), verbosity=0)
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "content,message",
    [
        (
            "departments:\n  - {code: x, administration: nope, name: {da: X, en: X}}\n",
            "unknown administration",
        ),
        ("administrations:\n  - {code: tmf, name: {da: T}}\n", "both 'da' and 'en'"),
        ("administrations: [\n", "not valid YAML"),
        ("- just a list\n", "catalogue mapping"),
    ],
)
def test_bad_catalogue_gives_a_clear_error_and_stores_nothing(db, tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("load_catalogue", str(path), verbosity=0)
    assert not Administration.objects.exists()
    assert not Department.objects.exists()


def test_missing_file_is_reported(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("load_catalogue", str(tmp_path / "missing.yaml"), verbosity=0)
