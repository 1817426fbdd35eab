"""Reasoning tasks: deterministic disjoint splits, strict parsing, safe Countdown checking, reward values."""

import pytest

from nanoseek.tasks import TASKS, get_task, parse
from nanoseek.tasks.base import Problem
from nanoseek.tasks.countdown import evaluate


@pytest.mark.parametrize("name", TASKS)
def test_generators_are_deterministic_and_splits_disjoint(name):
    task = get_task(name)
    a = task.problems(40, "train", seed=3)
    assert a == task.problems(40, "train", seed=3)
    assert a != task.problems(40, "train", seed=4)
    train = {p.question for s in range(3) for p in task.problems(60, "train", seed=s)}
    test = {p.question for s in range(3) for p in task.problems(20, "test", seed=s)}
    assert train and test and not train & test
    assert all(p.split == "test" for p in task.problems(20, "test", seed=0))


@pytest.mark.parametrize("name", TASKS)
def test_worked_solutions_earn_full_reward(name):
    task = get_task(name)
    for p in task.problems(30, "train", seed=0):
        r = task.reward(p, p.solution())
        assert (r.accuracy, r.format, r.total) == (1.0, 1.0, 1.0), p


def test_difficulty_knob_changes_problems():
    arith = get_task("arithmetic")
    easy = arith.problems(5, seed=0, difficulty=1)
    hard = arith.problems(5, seed=0, difficulty=4)
    assert max(len(q) for q in (p.question for p in easy)) < min(len(q) for q in (p.question for p in hard))
    assert all(len(p.data["numbers"]) == 4 for p in get_task("countdown").problems(5, seed=0, difficulty=4))


def test_word_problems_level_zero_keeps_numbers_small_and_other_levels_unchanged():
    import re

    words = get_task("word_problem")
    easy = words.problems(200, seed=0, difficulty=0)
    assert all(len(p.steps) == 1 for p in easy)
    assert max(int(n) for p in easy for n in re.findall(r"\d+", p.question)) <= 9
    assert max(int(p.answer) for p in easy) <= 18 and len({p.answer for p in easy}) > 10
    one = words.problems(200, seed=0, difficulty=1)
    assert max(int(n) for p in one for n in re.findall(r"\d+", p.question)) > 9
    assert words.problems(1, seed=0)[0].question == (  # drawn before level 0 existed: same problems as then
        "Dev has 11 cards. Then the number of cards Dev has doubles. Dev buys 12 more. "
        "How many cards does Dev have now?")


def test_task_mix_names_a_difficulty_per_task():
    from nanoseek.train.sft import task_conversations

    mix = task_conversations("word_problem:0,word_problem,chain_sum:2", 5, seed=0)
    questions = [c[1]["content"] for c in mix]
    assert questions[:5] == [p.question for p in get_task("word_problem").problems(5, seed=0, difficulty=0)]
    assert questions[5:10] == [p.question for p in get_task("word_problem").problems(5, seed=0)]
    assert all(q.count(" + ") + q.count(" - ") == 1 for q in questions[10:])


def hand_problem(answer="42"):
    return Problem("arithmetic", "What is 40 + 2?", answer)


@pytest.mark.parametrize("completion, accuracy, fmt, total", [
    ("<think>40+2=42</think>\n<answer>42</answer>", 1, 1, 1.0),
    ("40+2=42</think><answer> 42 </answer>", 1, 1, 1.0),  # continuing after the prompt's <think>
    ("<think>hmm</think><answer>41</answer>", 0, 1, 0.1),  # well-formed, wrong
    ("<think>40+2=42</think>\n\n42", 1, 1, 1.0),  # the chat form: a plain answer after the thought
    ("40+2=42</think> 42\n", 1, 1, 1.0),
    ("<think>hmm</think>41", 0, 1, 0.1),  # plain, well-formed, wrong
    ("<think>hmm</think>\n\n", 0, 0, 0.0),  # no answer at all
    ("<think>a</think>42</answer>", 0, 0, 0.0),  # half a tag
    ("<think>a</think>42<think>b</think>", 0, 0, 0.0),  # a second thought
    ("<think>hmm</think>The answer is 42", 0, 1, 0.1),  # plain, but not just the number
    ("<answer>42</answer>", 0, 0, 0.0),  # no reasoning block... the implied <think> is never closed
    ("<think>a</think><answer>42</answer> extra", 0, 0, 0.0),  # trailing text
    ("<think>a</think><answer>42</answer><answer>42</answer>", 0, 0, 0.0),  # two answers
    ("<think>a</think><answer>42.0</answer>", 0, 1, 0.1),  # not an integer
    ("<think>a</think><answer>4 2</answer>", 0, 1, 0.1),
    ("<think>a</think><answer>1,042</answer>", 0, 1, 0.1),  # commas are separators: 1042 != 42
])
def test_rewards_on_hand_made_cases(completion, accuracy, fmt, total):
    r = get_task("arithmetic").reward(hand_problem(), completion)
    assert (r.accuracy, r.format, r.total) == (accuracy, fmt, total)


def test_parse_rejects_nested_and_reordered_tags():
    assert parse("<think>x</think><answer>1</answer>") == ("x", "1")
    assert parse("<answer>1</answer><think>x</think>") is None
    assert parse("<think>x<think>y</think><answer>1</answer>") is None
    assert parse("<think>x</think><answer><answer>1</answer>") is None


def countdown_problem():
    return Problem("countdown", "q", "(24 * 25) / 8", data={"numbers": (24, 8, 25), "target": 75})


@pytest.mark.parametrize("answer, ok", [
    ("(24 * 25) / 8", True),
    ("25 * 24 / 8", True),
    ("25 / 8 * 24", True),  # exact fractions: 25/8 * 24 = 75
    ("(24 * 25) / 8 = 75", True),
    ("24 * 25 / 8 + 0", False),  # an extra number
    ("75", False),  # numbers not used
    ("24 * 25", False),
    ("(24 * 25) // 8", False),  # only + - * /
    ("-(-24 * 25) / 8", False),  # unary minus is not an operation of the game
    ("__import__('os').system('echo pwned')", False),
    ("(24 * 25) / (8 - 8)", False),
    ("9" * 300, False),
    ("2 ** 1000000", False),
    ("(" * 500 + "1" + ")" * 500, False),
])
def test_countdown_checks_safely(answer, ok):
    task = get_task("countdown")
    p = countdown_problem()
    assert task.check(p, answer) is ok
    assert task.reward(p, f"<think>t</think><answer>{answer}</answer>").accuracy == float(ok)


def test_countdown_evaluator_never_executes_code():
    for text in ["open('x')", "a + 1", "1 if 1 else 2", "[1][0]", "1; 2", "lambda: 1", "1 + True"]:
        assert evaluate(text) is None
    value, numbers = evaluate("(3 + 5) * 2 / 4")
    assert value == 4 and numbers == [3, 5, 2, 4]


def test_prompts_carry_the_r1_zero_template():
    p = get_task("chain_sum").problems(1, seed=0)[0]
    assert p.prompt().endswith("Assistant: <think>") and p.question in p.prompt()
    assert "<answer>" in p.prompt()  # the R1-Zero template keeps its tags; the chat form answers plainly
    roles = [m["role"] for m in p.messages()]
    assert roles == ["system", "user"] and "<answer>" not in p.messages()[0]["content"]
    assert p.solution().endswith(f"</think>\n\n{p.answer}") and "<answer>" not in p.solution()
    assert p.solution(tags=True).endswith(f"</think>\n<answer>{p.answer}</answer>")
    task = get_task("chain_sum")
    assert task.reward(p, p.solution()).total == task.reward(p, p.solution(tags=True)).total == 1.0
    assert p.solution(thinking=False) == f"<think></think>{p.answer}"  # thinking off: the empty thought
    assert task.reward(p, p.solution(thinking=False)).accuracy == 1.0
    with pytest.raises(ValueError, match="unknown task"):
        get_task("sudoku")
    with pytest.raises(ValueError, match="split must be"):
        get_task("chain_sum").problems(1, split="dev")
