from app.auth.policy import ACCESS_RULE_ATTRIBUTE


def test_every_endpoint_declares_an_access_rule(app):
    missing = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static" and not getattr(view, ACCESS_RULE_ATTRIBUTE, None)
    ]
    assert missing == [], f"endpoints without @public/@signed_in/@role_required: {missing}"


def test_every_state_changing_route_is_post_only_or_form(app):
    for rule in app.url_map.iter_rules():
        assert "PUT" not in rule.methods and "DELETE" not in rule.methods, rule
