// The web chat: streams /v1/chat/completions, fills the thinking panel from reasoning_content live and
// renders the answer (content) as Markdown. Earlier answers go back without their reasoning. The Think
// switch sends DeepSeek's `thinking` and `reasoning_effort` (thinking mode samples by its own settings,
// so the temperature setting applies with thinking off), read at each message. Tools declared in the settings
// (OpenAI's `tools` list) go with every message; the calls the model makes are shown as they stream, and the
// next messages typed are their results (tool messages), after which the model goes on.
"use strict";

const $ = (id) => document.getElementById(id);
const conversation = [];  // {role, content, tool_calls?, tool_call_id?} as the API takes them
const pending = [];  // the last answer's tool calls still waiting for a result
let modelId = null, controller = null;

function headers() {
  const h = { "Content-Type": "application/json" };
  const key = $("api-key").value.trim();
  if (key) h["Authorization"] = "Bearer " + key;
  return h;
}

async function loadModel() {
  try {
    const r = await fetch("/v1/models", { headers: headers() });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
    modelId = body.data[0].id;
    $("model").textContent = modelId;
  } catch (e) {
    $("model").textContent = "not ready: " + e.message;
    setTimeout(loadModel, 2000);
  }
}

function addMessage(role) {
  const div = document.createElement("div");
  div.className = "msg " + role;
  $("messages").appendChild(div);
  return div;
}

function assistantView() {
  const div = addMessage("assistant");
  div.innerHTML = '<details class="thinking" open hidden><summary>Thinking…</summary><div class="reasoning"></div></details>' +
                  '<div class="answer"></div><div class="tool-calls"></div><div class="stats"></div>';
  return { div, panel: div.querySelector(".thinking"), summary: div.querySelector("summary"),
           reasoning: div.querySelector(".reasoning"), answer: div.querySelector(".answer"),
           calls: div.querySelector(".tool-calls"), stats: div.querySelector(".stats") };
}

function declaredTools() {  // the settings' tools, or null; throws on JSON that is not a list
  const text = $("tools").value.trim();
  if (!text) return null;
  const tools = JSON.parse(text);
  if (!Array.isArray(tools)) throw new Error("Tools must be a JSON list of {type: 'function', function: {...}}");
  return tools.length ? tools : null;
}

function showCall(view, calls, d) {  // one streamed tool_calls delta, assembled as OpenAI's clients do
  let call = calls[d.index];
  if (!call) {
    call = calls[d.index] = { id: d.id, type: "function", function: { name: d.function.name, arguments: "" } };
    const el = document.createElement("div");
    el.className = "tool-call";
    el.innerHTML = '<span class="label">tool call</span> <code class="name"></code><code class="args"></code>';
    el.querySelector(".name").textContent = call.function.name;
    view.calls.appendChild(el);
  }
  call.function.arguments += (d.function && d.function.arguments) || "";
  view.calls.children[d.index].querySelector(".args").textContent = "(" + call.function.arguments + ")";
}

function askForResult() {
  $("input").placeholder = pending.length ? `Result of ${pending[0].function.name} (Enter sends it to the model)`
                                          : "Message nanoseek (Enter sends, Shift+Enter for a new line)";
}

function scrollDown() { $("messages").scrollTop = $("messages").scrollHeight; }

function addBubble(role, text, label) {
  const div = addMessage(role);
  div.innerHTML = (label ? '<span class="label"></span> ' : "") + '<span class="bubble"></span>';
  if (label) div.querySelector(".label").textContent = label;
  div.querySelector(".bubble").textContent = text;
}

function submitText(text) {  // a user message, or the result of the first pending tool call
  if (pending.length) {
    const call = pending.shift();
    conversation.push({ role: "tool", tool_call_id: call.id, content: text });
    addBubble("tool", text, `${call.function.name} returned`);
    askForResult();
    if (pending.length) return;  // the model goes on once every call has its result
  } else {
    conversation.push({ role: "user", content: text });
    addBubble("user", text);
  }
  send();
}

async function send() {
  const view = assistantView();
  const system = $("system").value.trim();
  const body = {
    model: modelId, stream: true, stream_options: { include_usage: true },
    messages: (system ? [{ role: "system", content: system }] : []).concat(conversation),
    temperature: parseFloat($("temperature").value), max_tokens: parseInt($("max-tokens").value, 10),
    thinking: { type: $("thinking").checked ? "enabled" : "disabled" },
  };
  if ($("thinking").checked) body.reasoning_effort = $("effort").value;
  controller = new AbortController();
  $("send").disabled = true; $("stop").disabled = false;
  let answer = "", thoughts = 0, started = performance.now();
  const calls = [];
  try {
    const tools = declaredTools();
    if (tools) { body.tools = tools; body.tool_choice = $("tool-choice").value; }
    const r = await fetch("/v1/chat/completions", { method: "POST", headers: headers(), body: JSON.stringify(body), signal: controller.signal });
    if (!r.ok) { const e = await r.json(); throw new Error(e.error ? e.error.message : r.statusText); }
    const reader = r.body.getReader(), decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
        if (!event.startsWith("data: ")) continue;
        const data = event.slice(6);
        if (data === "[DONE]") continue;
        const chunk = JSON.parse(data);
        if (chunk.error) throw new Error(chunk.error.message);
        if (chunk.usage) {
          const u = chunk.usage, s = (performance.now() - started) / 1000;
          view.stats.textContent = `${u.completion_tokens} tokens (${u.completion_tokens_details.reasoning_tokens} thinking) in ${s.toFixed(1)} s`;
        }
        for (const choice of chunk.choices) {
          const d = choice.delta || {};
          if (d.reasoning_content) {
            view.panel.hidden = false;
            view.reasoning.textContent += d.reasoning_content;
            thoughts += 1;
          }
          if ((d.content || d.tool_calls) && !answer && !calls.length)
            view.summary.textContent = `Thought for ${((performance.now() - started) / 1000).toFixed(1)} s`;
          if (d.content) {
            answer += d.content;
            view.answer.innerHTML = renderMarkdown(answer);
          }
          for (const call of d.tool_calls || []) showCall(view, calls, call);
        }
        scrollDown();
      }
    }
  } catch (e) {
    if (e.name === "AbortError") view.stats.textContent = "(stopped)";
    else { const p = document.createElement("p"); p.className = "error"; p.textContent = e.message; view.div.appendChild(p); }
  } finally {
    if (thoughts && !answer && !calls.length) view.summary.textContent = "Thoughts";
    const made = calls.filter((c) => c);
    conversation.push(made.length ? { role: "assistant", content: answer, tool_calls: made } : { role: "assistant", content: answer });
    pending.push(...made);
    askForResult();
    controller = null;
    $("send").disabled = false; $("stop").disabled = true;
    $("input").focus();
  }
}

$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("input").value.trim();
  if (!text || controller || !modelId) return;
  $("input").value = "";
  submitText(text);
});
$("input").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("composer").requestSubmit(); }
});
$("stop").addEventListener("click", () => { if (controller) controller.abort(); });
$("new-chat").addEventListener("click", () => {
  if (!controller) { conversation.length = 0; pending.length = 0; $("messages").innerHTML = ""; askForResult(); }
});
$("api-key").addEventListener("change", loadModel);
$("thinking").addEventListener("change", () => { $("effort").disabled = !$("thinking").checked; });
loadModel();
