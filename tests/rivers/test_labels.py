"""Parameter names in every language: the translated table follows app.rivers.chemistry exactly."""

from flask_babel import force_locale

from app.rivers.chemistry import PARAMETERS
from app.rivers.labels import PARAMETER_NAMES, parameter_name


def test_every_parameter_has_a_translatable_name_with_the_same_english_text(app):
    assert set(PARAMETER_NAMES) == set(PARAMETERS)
    with app.test_request_context(), force_locale("en"):
        assert {code: parameter_name(code) for code in PARAMETERS} == {
            code: parameter.name for code, parameter in PARAMETERS.items()
        }


def test_names_and_class_labels_are_translated_and_codes_are_kept(app):
    with app.test_request_context(), force_locale("kk"):
        assert parameter_name("oil_products") == "мұнай өнімдері"
        assert parameter_name("class_Zn") == "«мырыш» көрсеткіші үшін берілген класс"
        assert parameter_name("XYZ", "stored name") == "stored name"
    with app.test_request_context(), force_locale("ru"):
        assert parameter_name("SO4") == "сульфаты"
