"""The web chat in a real browser: Playwright drives Debian's chromium (installed by the test setup)."""

import shutil

import pytest
from servers import ANSWER, REASONING, rigged_checkpoint, serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytestmark = [pytest.mark.usefixtures("one_thread"), pytest.mark.skipif(
    not shutil.which(CHROMIUM),
    reason=f"no chromium at {CHROMIUM}: the test setup installs it with `apt-get install -y chromium`; "
           "this machine could not")]



def test_web_chat_streams_the_answer_and_fills_the_thinking_panel(tmp_path):
    outside = []
    with serve(rigged_checkpoint(tmp_path)) as server, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            # every asset must come from the server itself (no CDN): note and refuse anything else
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
                       else (outside.append(route.request.url), route.abort()))
            page.goto(server.url + "/")
            sync_api.expect(page.locator("#model")).to_have_text("rigged", timeout=10_000)
            page.click("#settings summary")  # the settings: temperature and max tokens
            page.fill("#temperature", "0")
            page.fill("#max-tokens", "64")
            page.fill("#input", "What is 2 + 2?")
            page.press("#input", "Enter")
            answer = page.locator(".msg.assistant .answer h3")  # the answer's Markdown heading, rendered
            sync_api.expect(answer).to_have_text(ANSWER.removeprefix("# "), timeout=20_000)
            panel = page.locator(".msg.assistant details.thinking")
            sync_api.expect(panel).to_be_visible()
            sync_api.expect(panel.locator(".reasoning")).to_have_text(REASONING)
            sync_api.expect(panel.locator("summary")).to_contain_text("Thought for")
            sync_api.expect(page.locator(".msg.assistant .stats")).to_contain_text("thinking")
            panel.locator("summary").click()  # collapsible
            sync_api.expect(panel.locator(".reasoning")).to_be_hidden()
            assert page.locator(".msg.user").inner_text() == "What is 2 + 2?"
            sync_api.expect(page.locator("#stop")).to_be_disabled()  # enabled only while streaming
            # the Think switch: off, the model answers at once (the template's empty thought), no panel
            page.uncheck("#thinking")
            sync_api.expect(page.locator("#effort")).to_be_disabled()
            page.fill("#input", "And without thinking?")
            page.press("#input", "Enter")
            second = page.locator(".msg.assistant").nth(1)
            sync_api.expect(second.locator(".answer h3")).to_have_text(ANSWER.removeprefix("# "), timeout=20_000)
            sync_api.expect(second.locator("details.thinking")).to_be_hidden()
            sync_api.expect(second.locator(".stats")).to_contain_text("(0 thinking)")
        finally:
            browser.close()
    assert outside == []
