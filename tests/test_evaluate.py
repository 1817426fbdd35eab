"""Task evaluation's arithmetic: greedy pass@1, pass@k, mean@k, format errors and lengths, on completions
chosen by the test (the sampler is replaced; everything after it is the real scoring)."""

import pytest

from nanoseek.tasks import get_task
from nanoseek.tokenizer import Tokenizer
from nanoseek.train import evaluate as ev


@pytest.fixture(scope="module")
def tok():
    task = get_task("chain_sum")
    texts = [p.question + p.solution() for p in task.problems(200, "train", seed=0)]
    return Tokenizer.train(texts, vocab_size=400)


def test_scores_by_hand(tok, monkeypatch):
    task = get_task("chain_sum")
    problems = task.problems(4, "test", seed=0)
    right = lambda p: tok.encode(p.solution()[len("<think>"):])  # noqa: E731  (the prompt opens <think>)
    wrong = lambda p: tok.encode("\n1+1=2\n</think>\n<answer>-999</answer>")  # noqa: E731  well-formed, wrong
    junk = tok.encode("no idea")
    # greedy: problem 0 right, 1 wrong but well-formed, 2 and 3 junk
    greedy = [[right(problems[0])], [wrong(problems[1])], [junk], [junk]]
    # 3 samples each: problem 0 all right, 1 one of three right, 2 none, 3 none (one well-formed)
    sampled = [[right(problems[0])] * 3, [junk, right(problems[1]), junk], [junk] * 3,
               [wrong(problems[3]), junk, junk]]

    def fake_rollout(model, prompts, n, params, stop_id):
        assert len(prompts) == 4 and stop_id == tok.eos_id
        return greedy if params.temperature == 0 else sampled

    monkeypatch.setattr(ev, "rollout", fake_rollout)
    out = ev.evaluate_task(None, tok, task, 4, k=3)
    assert out["pass@1"] == 0.25
    assert out["format_error"] == 0.5
    assert out["pass@3"] == 0.5
    assert out["mean@3"] == pytest.approx((3 + 1) / 12)
    assert out["response_length"] == pytest.approx(sum(len(c[0]) for c in greedy) / 4)


def test_thinking_off_prompts_end_with_an_empty_thought_and_plain_answers_score(tok, monkeypatch):
    task = get_task("chain_sum")
    problems = task.problems(2, "test", seed=0)
    seen = []

    def fake_rollout(model, prompts, n, params, stop_id):
        seen.extend(prompts)
        return [[tok.encode(problems[0].answer)], [tok.encode("-999")]]  # the answer at once, right and wrong

    monkeypatch.setattr(ev, "rollout", fake_rollout)
    out = ev.evaluate_task(None, tok, task, 2, thinking=False)
    assert out["pass@1"] == 0.5 and out["format_error"] == 0.0
    opened = tok.apply_chat_template(problems[0].messages(), add_generation_prompt=True, thinking=False)
    assert seen[0] == opened and tok.decode(opened).endswith("<think></think>")


def test_the_sft_mix_teaches_both_thinking_modes():
    from nanoseek.train.sft import task_conversations

    mix = task_conversations("chain_sum,arithmetic", 10, seed=0, non_thinking=0.25)
    answers = [c[-1]["content"] for c in mix]
    off = [a for a in answers if a.startswith("<think></think>")]
    assert len(off) == 5 and all(not a.startswith("<think></think>") for a in answers[:3])
    assert all(a.startswith("<think>\n") for a in answers if a not in off)
    assert not any(c[-1]["content"].startswith("<think></think>") for c in task_conversations("chain_sum", 10, 0))


def test_fim_scores_the_filled_middle_and_the_left_to_right_line(tok, monkeypatch):
    from nanoseek.tokenizer import fim_text

    task = get_task("chain_sum")
    gaps = ev.fim_gaps(task, 4, seed=0)
    for prefix, suffix, middle in gaps:  # one reasoning line taken out of a held-out worked solution
        p = next(q for q in task.problems(4, "test", seed=0) if f"{q.question}\n{q.solution()}" ==
                 prefix + middle + suffix)
        assert middle in p.steps and prefix.endswith("\n") and suffix.startswith("\n")
    calls = []

    def fake_rollout(model, prompts, n, params, stop_id):
        calls.append(prompts)
        if len(calls) == 1:  # FIM prompts: gaps 0 and 1 filled exactly, 2 wrong, 3 empty
            assert [tok.decode(p, skip_special=False) for p in prompts] == \
                   [tok.decode(tok.encode(fim_text(pre, suf), bos=True), skip_special=False) for pre, suf, _ in gaps]
            return [[tok.encode(gaps[0][2])], [tok.encode(" " + gaps[1][2])], [tok.encode("1+1=2")], [[]]]
        assert prompts == [tok.encode(pre, bos=True) for pre, _, _ in gaps]  # left to right: the prefix alone
        return [[tok.encode(gaps[0][2] + "\n</think>")], [tok.encode("1+1=2\n" + gaps[1][2])], [[]], [[]]]

    scored = []

    def fake_nll(model, prompts, middles):  # the likelihood of the same middle tokens after each prompt
        scored.append((prompts, middles))
        return float(len(scored))

    monkeypatch.setattr(ev, "rollout", fake_rollout)
    monkeypatch.setattr(ev, "middle_nll", fake_nll)
    assert ev.evaluate_fim(None, tok, task, 4) == {"fim_exact": 0.5, "prefix_exact": 0.25, "fim_nll": 1.0,
                                                  "prefix_nll": 2.0}
    assert [s[0] for s in scored] == calls and scored[0][1] == scored[1][1] == [tok.encode(m) for _, _, m in gaps]


def test_middle_nll_is_the_mean_loss_of_the_middle_tokens_alone():
    import torch

    from nanoseek.model import Transformer
    from nanoseek.presets import get_preset

    torch.manual_seed(0)
    model = Transformer(get_preset("smoke")).eval()
    prompts, middles = [[1, 5, 9, 4], [1, 7]], [[3, 8], [2, 2, 6]]
    with torch.no_grad():
        one = [torch.log_softmax(model(torch.tensor([p + m]))[0].float(), -1) for p, m in zip(prompts, middles)]
    want = -sum(lp[len(p) - 1 + k, t].item() for lp, p, m in zip(one, prompts, middles) for k, t in enumerate(m)) / 5
    assert abs(ev.middle_nll(model, prompts, middles) - want) < 1e-5


def test_copy_probe_tells_a_model_that_copies_from_one_that_cannot():
    import math
    from types import SimpleNamespace

    import torch

    V, length, low = 64, 10, 7
    seen = []

    class Copier(torch.nn.Module):
        """Uniform over the vocabulary, except where the token `length` places back says what comes next."""

        def __init__(self, copies: bool):
            super().__init__()
            self.copies, self.config, self.w = copies, SimpleNamespace(vocab_size=V), torch.nn.Parameter(torch.zeros(1))

        def forward(self, ids):
            seen.append(ids)
            logits = torch.zeros(*ids.shape, V)
            if self.copies:  # position i predicts token i + 1, which repeats token i + 1 - length
                logits[:, length - 1:-1].scatter_(-1, ids[:, :length, None], 30.0)
            return logits

    copies = ev.evaluate_copy(Copier(True), n=4, length=length, low=low)
    cannot = ev.evaluate_copy(Copier(False), n=4, length=length, low=low)
    assert copies["copy_first_nll"] == pytest.approx(math.log(V)) == cannot["copy_first_nll"]
    assert copies["copy_second_nll"] < 1e-6 and cannot["copy_second_nll"] == pytest.approx(math.log(V))
    ids = seen[0]
    assert ids.shape == (4, 2 * length) and torch.equal(ids[:, :length], ids[:, length:]) and ids.min() >= low
