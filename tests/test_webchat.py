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


def test_web_chat_shows_tool_calls_and_sends_their_results(tmp_path):
    """Tools declared in the settings: a call the model makes is shown as it streams, the next message typed is its
    result (a tool message with the call's id), and then the model goes on (the rig answers)."""
    import json

    from test_grammar import valid
    from test_serve_tools import SCHEMAS, WEATHER

    tools = [{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER}}]
    bodies = []
    with serve(rigged_checkpoint(tmp_path), max_len=1024) as server, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            page.on("request", lambda r: bodies.append(json.loads(r.post_data))
                    if r.url.endswith("/v1/chat/completions") else None)
            page.goto(server.url + "/")
            sync_api.expect(page.locator("#model")).to_have_text("rigged", timeout=10_000)
            page.click("#settings summary")
            page.fill("#max-tokens", "200")
            page.fill("#tools", json.dumps(tools))
            page.select_option("#tool-choice", "required")
            page.fill("#input", "Weather in Paris?")
            page.press("#input", "Enter")
            view = page.locator(".msg.assistant").first
            call = view.locator(".tool-call").first
            sync_api.expect(call.locator(".name")).to_have_text("get_weather", timeout=20_000)
            sync_api.expect(view.locator(".stats")).to_contain_text("tokens", timeout=20_000)  # the stream ended
            sync_api.expect(view.locator(".reasoning")).to_have_text(REASONING)  # thinking, then the call
            args = call.locator(".args").inner_text()
            assert args.startswith("(") and args.endswith(")")
            assert valid(json.loads(args[1:-1]), SCHEMAS["get_weather"]), args
            assert "get_weather" in page.get_attribute("#input", "placeholder")  # it asks for the call's result
            page.select_option("#tool-choice", "auto")  # (still required, the model would call again)
            n = view.locator(".tool-call").count()  # parallel calls: one result each, then the model goes on
            for k in range(n):
                page.fill("#input", f"{21 + k} C")
                page.press("#input", "Enter")
                sync_api.expect(page.locator(".msg.tool .bubble").nth(k)).to_have_text(f"{21 + k} C")
                assert page.locator(".msg.assistant").count() == (1 if k < n - 1 else 2)
            second = page.locator(".msg.assistant").nth(1)
            sync_api.expect(second.locator(".answer h3")).to_have_text(ANSWER.removeprefix("# "), timeout=20_000)
            assert second.locator(".tool-call").count() == 0
        finally:
            browser.close()
    first, then = bodies
    assert first["tools"] == tools and first["tool_choice"] == "required"
    made = then["messages"][1]["tool_calls"]
    assert len(made) == n and made[0]["function"]["arguments"] == args[1:-1]
    assert then["messages"][2:] == [{"role": "tool", "tool_call_id": c["id"], "content": f"{21 + k} C"}
                                    for k, c in enumerate(made)]
