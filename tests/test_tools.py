"""The reasoning tasks' tools: the calculator's arithmetic and its refusals, the Countdown checker, tool-use SFT
conversations through the chat template (ours and transformers') and the server's tool-call parser, and the
evaluation loop that runs the calls a model makes (the model's generation scripted at the rollout boundary)."""

import json
import random
import re
import time
from fractions import Fraction

import pytest

from nanoseek.engine.request import Event
from nanoseek.serve.tools import ToolCalls
from nanoseek.tasks import get_task, run_tool, task_tools, tool_conversation, tool_examples
from nanoseek.tasks.calculator import CalculatorError, calculate, show
from nanoseek.tokenizer import TOOL_OUTPUT_BEGIN, TOOL_OUTPUT_END, Tokenizer, split_tool_calls
from nanoseek.train import evaluate as ev
from nanoseek.train.sft import Conversations, task_conversations

CALC_TASKS = ("arithmetic", "chain_sum", "word_problem")


@pytest.fixture(scope="module")
def tok():
    texts = [p.question + "\n" + p.solution() for name in ("arithmetic", "chain_sum", "countdown", "word_problem")
             for p in get_task(name).problems(100, "train", seed=0)]
    return Tokenizer.train(texts, vocab_size=600)


@pytest.mark.parametrize("expr, value", [
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("7 / 2", Fraction(7, 2)), ("-4 - -6", 2), ("2 ** 10", 1024),
    ("2 ** -2", Fraction(1, 4)), ("17 // 5", 3), ("17 % 5", 2), ("0.1 + 0.2", Fraction(3, 10)), ("((((5))))", 5),
    ("12 + 7 - 5 + 30", 44), ("(7 + 3) * 2 - 4", 16)])
def test_calculator_is_exact_python_arithmetic(expr, value):
    assert calculate(expr) == value
    assert calculate(expr) == Fraction(eval(expr)).limit_denominator(10**6)  # noqa: S307  trusted test literals


@pytest.mark.parametrize("expr, why", [
    ("__import__('os').system('true')", "unexpected characters"), ("x + 1", "unexpected characters"),
    ("1e5", "unexpected characters"), ("1_000", "unexpected characters"), ("'a' * 3", "unexpected characters"),
    ("1 / 0", "division by zero"), ("5 % 0", "division by zero"), ("0 ** -1", "division by zero"),
    ("9 ** 9 ** 9", "exceed"), ("10 ** 100", "exceed"), ("2 ** 0.5", "whole exponents"),
    ("-" * 40 + "1", "deeper"), ("1 + " * 60 + "1", "characters"), ("1 +", "well-formed"),
    ("(" * 150 + "1", "well-formed"), ("()", "not allowed"), ("1 < 2", "unexpected characters"), ("", "empty"),
    ("1" * 100, "exceeds")])
def test_calculator_refuses_what_it_does_not_evaluate(expr, why):
    start = time.perf_counter()
    with pytest.raises(CalculatorError, match=why):
        calculate(expr)
    assert time.perf_counter() - start < 0.5  # refused before any big computation


def test_calculator_operator_whitelist_and_literals():
    with pytest.raises(CalculatorError, match="Pow is not allowed"):
        calculate("2 ** 3", operators=("+", "*"))
    with pytest.raises(CalculatorError, match="USub is not allowed"):
        calculate("-2 + 3", unary=False)
    with pytest.raises(CalculatorError, match="whole numbers"):
        calculate("2.5 + 1", decimals=False)
    seen = []
    assert calculate("(3 + 5) * 2", literals=seen) == 16 and seen == [3, 5, 2]
    assert show(Fraction(7, 2)) == "3.5" and show(Fraction(-12)) == "-12" and show(Fraction(1, 3)) == "0.333333333333"


def test_tools_answer_with_results_and_errors_never_exceptions():
    assert run_tool("calculator", '{"expression": "47 * 83"}') == "3901"
    assert run_tool("calculator", {"expression": "1/0"}) == "error: division by zero"
    for bad, why in [("not json", "not JSON"), ("[1]", "JSON object"), ('{"expr": "1"}', "missing expression"),
                     ('{"expression": 5}', "must be a string"), ('{"expression": "1", "x": 2}', "unknown x"),
                     ('{"expression": "' + "1+" * 600 + '1"}', "characters"), ("[" * 999, "too deeply")]:
        assert run_tool("calculator", bad).startswith("error:") and why in run_tool("calculator", bad), bad
    assert run_tool("rm_rf", "{}").startswith("error: unknown tool")
    p = get_task("countdown").problems(1, "test", seed=0)[0]
    right = json.loads(run_tool("check_countdown", {"expression": p.answer}, p))
    assert right == {"value": str(p.data["target"]), "numbers_used_once": True, "target_reached": True}
    n = p.data["numbers"]
    wrong = json.loads(run_tool("check_countdown", {"expression": f"{n[0]} + {n[1]}"}, p))
    assert wrong["numbers_used_once"] is False and wrong["value"] == str(n[0] + n[1])
    assert run_tool("check_countdown", {"expression": "-3 + 5"}, p).startswith("error:")
    with pytest.raises(ValueError, match="needs the Countdown problem"):
        run_tool("check_countdown", {"expression": "1"})


@pytest.mark.parametrize("name", ["arithmetic", "chain_sum", "countdown", "word_problem"])
def test_tool_conversations_call_the_right_expression_and_answer_from_the_result(name):
    task = get_task(name)
    for p in task.problems(30, "train", seed=1, difficulty=None):
        messages = tool_conversation(p, random.Random(0), retry=0.5)
        calls = [m for m in messages if m.get("tool_calls")]
        results = [m["content"] for m in messages if m["role"] == "tool"]
        assert 1 <= len(calls) == len(results) <= 2
        last_call = json.loads(calls[-1]["tool_calls"][0]["function"]["arguments"])
        if name == "countdown":
            assert json.loads(results[-1])["target_reached"] is True
        else:
            assert results[-1] == p.answer and calculate(last_call["expression"]) == int(p.answer)
        assert task.reward(p, messages[-1]["content"]).accuracy == 1.0  # the answering turn is a correct solution
        assert [len(e) for e in tool_examples(messages)] == [i + 1 for i, m in enumerate(messages)
                                                            if m["role"] == "assistant"]


def test_sft_mix_has_the_tool_share_and_renders_through_the_template_and_the_server_parser(tok):
    mix = task_conversations("arithmetic,countdown", 200, seed=0, tool_use=0.25)
    with_tools = [c for c in mix if isinstance(c, dict)]
    problems = {c["messages"][1]["content"] for c in with_tools}
    assert 0.15 * 400 < len(problems) < 0.35 * 400  # a quarter of the problems, drawn
    assert len(mix) - len(with_tools) + len(problems) == 400  # the rest stay plain worked solutions
    data = Conversations(mix, tok, batch_size=4, seq_len=1024, seed=0)
    assert len(data.train) + len(data.val) == len(mix)
    for c in with_tools[:20]:
        ids, mask = tok.encode_chat(c["messages"], tools=c["tools"])
        assert "## Tools" in tok.decode(ids) and "### " + c["tools"][0]["function"]["name"] in tok.decode(ids)
        last = c["messages"][-1]
        if not last.get("tool_calls"):
            continue
        # what the model is taught to write after the generation prompt: its thought, then the calls
        prompt = tok.apply_chat_template(c["messages"][:-1], add_generation_prompt=True, tools=c["tools"])
        assert ids[:len(prompt) - 1] == prompt[:-1]  # the prompt ends "<｜Assistant｜>" "<think>" "\n"
        written = [t for t, m in zip(ids, mask) if m]
        assert tok.decode(written).startswith("<think>\n") and tok.decode(written).endswith("<｜end▁of▁sentence｜>")
        # the server reads the same calls from the same tokens
        parser = ToolCalls(tok, active=True)
        parser.take(Event(tokens=written, text=tok.decode(written, skip_special=True)))
        expected = [(x["function"]["name"], json.loads(x["function"]["arguments"])) for x in last["tool_calls"]]
        assert [(x["function"]["name"], json.loads(x["function"]["arguments"])) for x in parser.calls] == expected
        assert parser.finish_reason("stop") == "tool_calls"
        _, ours = split_tool_calls(tok.decode(written))
        assert [(x["function"]["name"], json.loads(x["function"]["arguments"])) for x in ours] == expected


def test_tool_conversations_match_transformers_template(tok, tmp_path):
    transformers = pytest.importorskip("transformers")
    tok.save(tmp_path)
    hf = transformers.AutoTokenizer.from_pretrained(tmp_path)
    for name in ("word_problem", "countdown"):
        p = get_task(name).problems(1, "train", seed=2)[0]
        for ex in tool_examples(tool_conversation(p, random.Random(3), retry=1.0)):
            ours = tok.apply_chat_template(ex, tools=task_tools(name))
            theirs = hf.apply_chat_template(ex, tools=task_tools(name), tokenize=True, return_dict=False)
            assert ours == theirs


def test_split_tool_calls_leaves_plain_text_and_unclosed_calls_alone():
    assert split_tool_calls("no calls here") == ("no calls here", [])
    head, calls = split_tool_calls("t</think><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>calculator<｜tool▁sep｜>{\"e")
    assert head == "t</think>" and calls == []


def scripted_model(tok, answer_from_result, call_text):
    """A stand-in for the model's generation at the rollout boundary: on a prompt without a tool result it writes a
    thought and a call (call_text(prompt)); once the prompt holds a result, it answers with answer_from_result."""
    seen = []

    def rollout(model, prompts, n, params, stop_id):
        assert n == 1 and params.temperature == 0 and stop_id == tok.eos_id
        out = []
        for ids in prompts:
            text = tok.decode(ids)
            seen.append(text)
            results = re.findall(re.escape(TOOL_OUTPUT_BEGIN) + "(.*?)" + re.escape(TOOL_OUTPUT_END), text)
            written = (f"the tool says {results[-1]}\n</think>\n\n{answer_from_result(results[-1])}" if results
                       else call_text(text))
            out.append([tok.encode(written) + [tok.eos_id]])
        return out

    return rollout, seen


def test_eval_with_tools_runs_the_calls_and_answers_from_their_results(tok, monkeypatch):
    task = get_task("arithmetic")
    problems = task.problems(6, "test", seed=0, difficulty=3)

    def call(prompt):  # the expression of the question, except for one problem where it calls with junk
        q = re.findall(r"What is (.*)\?", prompt)[-1]
        args = '{"expression": "' + q + '"}' if q != problems[5].data["expression"] else '{"expression": "oops"}'
        return ("compute it\n</think><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>calculator<｜tool▁sep｜>" + args
                + "<｜tool▁call▁end｜><｜tool▁calls▁end｜>")

    rollout, seen = scripted_model(tok, lambda r: r, call)
    monkeypatch.setattr(ev, "rollout", rollout)
    out = ev.evaluate_with_tools(None, tok, task, 6, difficulty=3, max_calls=2)
    # five answers are the calculator's (right, since the tool computed them), the sixth is its error message
    assert out["pass@1 (tools)"] == pytest.approx(5 / 6) and out["tool_calls"] == 1.0
    assert out["tool_errors"] == pytest.approx(1 / 6)
    assert len(seen) == 12  # one round to call, one to answer
    second = [s for s in seen if TOOL_OUTPUT_BEGIN in s]
    assert {re.findall(re.escape(TOOL_OUTPUT_BEGIN) + "(.*?)" + re.escape(TOOL_OUTPUT_END), s)[0] for s in second} \
        >= {p.answer for p in problems[:5]}
    assert all("## Tools" in s and "### calculator" in s for s in seen)
    assert all(s.endswith("<｜Assistant｜><think>\n") for s in seen)
    # the calls of the first turn are in the history the second turn reads, its thought is not (the template)
    assert all("<｜tool▁call▁begin｜>calculator" in s and "compute it" not in s for s in second)


def test_eval_with_tools_bounds_the_calls(tok, monkeypatch):
    task = get_task("countdown")
    loop = ("again\n</think><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>check_countdown<｜tool▁sep｜>"
            '{"expression": "1 + 1"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>')

    def rollout(model, prompts, n, params, stop_id):
        return [[tok.encode(loop) + [tok.eos_id]] for _ in prompts]

    monkeypatch.setattr(ev, "rollout", rollout)
    out = ev.evaluate_with_tools(None, tok, task, 3, max_calls=2)
    assert out["pass@1 (tools)"] == 0.0 and out["tool_calls"] == 2.0 and out["format_error (tools)"] == 1.0


def test_eval_with_tools_runs_a_real_model(tok, one_thread):
    from tests.helpers import random_model, small_config

    model = random_model(small_config(vocab_size=tok.vocab_size, max_position_embeddings=1024))
    out = ev.evaluate_with_tools(model, tok, get_task("chain_sum"), 2, max_tokens=6)
    assert set(out) >= {"pass@1 (tools)", "tool_calls", "tool_errors"} and out["response_length (tools)"] >= 6
    with pytest.raises(ValueError, match="has no tool"):
        ev.evaluate_with_tools(model, tok, type("T", (), {"name": "nope"})(), 2)


def test_nanoseek_eval_reports_accuracy_with_and_without_tools(tok, tmp_path, capsys, one_thread):
    from nanoseek.checkpoint import save
    from nanoseek.cli import main
    from tests.helpers import random_model, small_config

    save(random_model(small_config(vocab_size=tok.vocab_size, max_position_embeddings=1024)), tmp_path)
    tok.save(tmp_path)
    main(["eval", "--model", str(tmp_path), "--tasks", "chain_sum,countdown", "--n", "2", "--max-tokens", "4"])
    out = json.loads(capsys.readouterr().out)
    for name in ("chain_sum", "countdown"):
        assert {"pass@1", "pass@1 (tools)", "tool_calls", "fim_exact"} <= set(out[name])
    main(["eval", "--model", str(tmp_path), "--tasks", "chain_sum", "--n", "2", "--max-tokens", "4",
          "--max-tool-calls", "0"])
    assert "pass@1 (tools)" not in json.loads(capsys.readouterr().out)["chain_sum"]
