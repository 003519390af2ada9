"""Did the training help, and who is heading for a warning: the pages in the browser."""


def test_hr_reads_the_impact_report_and_downloads_it(page, live_server, demo, sign_in, shot):
    sign_in(page, "hr")
    page.goto(f"{live_server.url}/impact/")
    helped = page.locator(".impact-card[data-course=stress-management][data-team=technical]")
    assert "improved" in helped.locator("tr[data-signal=hostile_share]").inner_text()
    assert helped.locator("svg.chart").count() == 1
    unchanged = page.locator(".impact-card", has_text="Orders & delivery").filter(has_text="stress")
    assert "no clear change" in unchanged.locator("tr[data-signal=hostile_share]").inner_text()
    helped.scroll_into_view_if_needed()
    shot(page, "impact-report")
    with page.expect_download() as download:
        page.click("a[href='?format=csv']")
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        assert "Technical help" in handle.read()


def test_the_orders_lead_sees_the_forecast_next_to_the_current_level(
    page, live_server, demo, sign_in, shot
):
    sign_in(page, "lead")
    card = page.locator("#forecast")
    text = card.inner_text()
    assert "reach Warning by W" in text
    assert "What drives it" in text
    assert page.locator("#current-warning").is_visible()
    card.scroll_into_view_if_needed()
    shot(page, "impact-lead-forecast")


def test_hr_sees_every_teams_forecast_on_the_organisation_page(
    page, live_server, demo, sign_in, shot
):
    sign_in(page, "hr")
    page.goto(f"{live_server.url}/organisation/")
    table = page.locator("#forecast-table").inner_text()
    assert "Orders & delivery" in table and "Returns & complaints" in table
    page.locator("#forecasts").scroll_into_view_if_needed()
    shot(page, "impact-organisation-forecast")
