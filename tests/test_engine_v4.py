"""DeepSeek-V4 in the engine: its HybridCache with a length per row (rows at different positions in one forward,
padded prefills, rejected speculative drafts written and written over), continuous batching, MTP speculation,
`nanoseek generate` and `nanoseek serve` on tiny-v4. The reference is always the model's full forward (no cache)."""

import pytest
import torch
from test_family_v4 import random_model, v4_config

import nanoseek
from nanoseek.cli import main as cli
from nanoseek.engine import Engine, SamplingParams
from nanoseek.engine.runner import InferenceModel
from nanoseek.model.hybrid_cache import HybridCache
from nanoseek.presets import get_preset

pytestmark = pytest.mark.usefixtures("one_thread")

RATES = {
    # windows close every 2 (CSA) and 4 (HCA) tokens: a draft often closes one; the indexer keeps 3 entries
    "csa2_hca4": dict(compress_rates={"compressed_sparse_attention": 2, "heavily_compressed_attention": 4}),
    # CSA 4, HCA 8 over a window of 8, the indexer keeping every entry
    "csa4_hca8_dense": dict(index_topk=64),
    # CSA 3 (windows not aligned with anything else), HCA 5, window 5
    "csa3_hca5_window5": dict(compress_rates={"compressed_sparse_attention": 3, "heavily_compressed_attention": 5},
                              sliding_window=5),
}


@pytest.fixture(scope="module", params=list(RATES))
def model(request):
    return random_model(v4_config(**RATES[request.param]), seed=5)


def full_forward(model, seqs: list[list[int]]):
    """Each sequence's full-forward logits [n, vocab] and MTP logits [n - 1, vocab] (position i, token i + 1)."""
    out = []
    with torch.no_grad():
        for s in seqs:
            ids = torch.tensor([s])
            hidden = model.hidden_states(ids)
            out.append((model.lm_head(hidden)[0], model.mtp_logits(ids, hidden)[0][0]))
    return out


def test_rows_at_their_own_positions_equal_the_full_forward(model):
    """Three sequences in cache rows 2, 0, 3: two prefilled together (one right-padded), the third joining later;
    then forwards of one token per row, or [token, draft] where the draft is right (accepted or not) or wrong (the
    row advances by one and position n + 1 is written again in its next forward). Every logit whose inputs are
    right equals the full forward's to 1e-4, the main model's and the MTP module's."""
    cfg = model.config
    g = torch.Generator().manual_seed(0)
    seqs = [torch.randint(0, cfg.vocab_size, (n,), generator=g).tolist() for n in (60, 58, 64)]
    ref = full_forward(model, seqs)
    im = InferenceModel(model, deterministic=False)
    cache = HybridCache(cfg, 4, 80, slack=16)
    slots = torch.tensor([2, 0, 3])
    length = [0, 0, 0]
    worst = 0.0

    def forward(who: list[int], tokens: list[list[int]]):
        """Run tokens [B, S] of sequences `who` from their lengths; check the positions whose tokens are right."""
        nonlocal worst
        S = len(tokens[0])
        pos = torch.tensor([[length[i] + k for k in range(S)] for i in who])
        rows = slots[who]
        hidden, logits = im.run(torch.tensor(tokens), pos, cache, rows)
        nxt = [[seqs[i][length[i] + k + 1] for k in range(S)] for i in who]  # the true next tokens
        mtp = im.draft(hidden, torch.tensor(nxt), pos, cache, rows, torch.arange(S).expand(len(who), S))
        for b, i in enumerate(who):
            for k in range(S):
                if tokens[b][:k + 1] != seqs[i][length[i]:length[i] + k + 1]:
                    break  # (a wrong draft, or padding)
                main, mtp_ref = ref[i]
                worst = max(worst, (logits[b, k] - main[length[i] + k]).abs().max().item(),
                            (mtp[b, k] - mtp_ref[length[i] + k]).abs().max().item())

    forward([0, 1], [seqs[0][:7], seqs[1][:3] + [0] * 4])  # a padded prefill of two rows
    length[:2] = [7, 3]
    forward([0, 1], [seqs[0][7:8], seqs[1][3:4]])
    length[:2] = [8, 4]
    forward([2], [seqs[2][:11]])  # the third joins with a prefill of its own
    length[2] = 11
    for step in range(30):
        who = [i for i in range(3) if length[i] + 2 < len(seqs[i])]
        if step % 3 == 0:  # one token per row
            forward(who, [seqs[i][length[i]:length[i] + 1] for i in who])
            for i in who:
                length[i] += 1
            continue
        drafts = []
        for i in who:  # a right draft for some rows, a wrong one (rejected) for others
            right = seqs[i][length[i] + 1]
            drafts.append(right if (step + i) % 2 else (right + 1) % cfg.vocab_size)
        forward(who, [[seqs[i][length[i]], d] for i, d in zip(who, drafts)])
        for i, d in zip(who, drafts):
            length[i] += 2 if d == seqs[i][length[i] + 1] and (step + i) % 4 != 3 else 1
    assert min(length) > 33
    assert worst <= 1e-4


REFERENCES = {}  # (model, prompt, n) -> greedy_reference's answer: the tests share them


def greedy_reference(model, prompt: list[int], n: int) -> tuple[list[int], list[float]]:
    """n greedy tokens by full forwards over the whole sequence each time, and each one's log-probability."""
    key = (id(model), tuple(prompt), n)
    if key not in REFERENCES:
        REFERENCES[key] = model, _greedy(model, prompt, n)  # (the model kept: its id stays its own)
    return REFERENCES[key][1]


def _greedy(model, prompt: list[int], n: int) -> tuple[list[int], list[float]]:
    ids, logps = list(prompt), []
    with torch.no_grad():
        for _ in range(n):
            logp = model(torch.tensor([ids]))[0, -1].float().log_softmax(-1)
            ids.append(int(logp.argmax()))
            logps.append(float(logp[ids[-1]]))
    return ids[len(prompt):], logps


def with_oracle_drafts(engine: Engine, want: dict) -> None:
    """Replace two greedy drafts in three by the right token (an untrained MTP module is rarely right), so that
    drafts are accepted as well as rejected. want: prompt tuple -> the greedy tokens."""
    decode = engine._decode

    def oracle(reqs):
        for r in reqs:
            out = want[tuple(r.prompt_ids)]
            k = len(r.output_ids)  # the draft is for output token k
            if r.draft is not None and r.draft_q is None and k < len(out) and k % 3:
                r.draft = out[k]
        decode(reqs)

    engine._decode = oracle


@pytest.mark.parametrize("speculative", [False, True])
def test_continuous_batching_equals_full_forward_greedy(model, speculative):
    """Requests of different prompt lengths arriving at different steps, more of them than cache rows, some
    prefilled in padded chunks: greedy tokens are those of full forwards, their log-probabilities equal to 1e-4;
    with MTP drafts (accepted and rejected, over windows that close at the drafted position) the same tokens."""
    cfg = model.config
    g = torch.Generator().manual_seed(1)
    prompts = [torch.randint(0, cfg.vocab_size, (n,), generator=g).tolist() for n in (5, 13, 1, 22, 9, 3)]
    N = 16
    refs = {tuple(p): greedy_reference(model, p, N) for p in prompts}
    engine = Engine(model, max_batch=3, max_len=64, speculative=speculative, prefill_chunk=8, spec_max_batch=2)
    if speculative:
        with_oracle_drafts(engine, {p: r[0] for p, r in refs.items()})
    params = SamplingParams(temperature=0, max_tokens=N, logprobs=0)
    reqs = [engine.submit(p, params) for p in prompts[:2]]
    engine.step()
    engine.step()
    reqs += [engine.submit(p, params) for p in prompts[2:4]]
    engine.step()
    reqs += [engine.submit(p, params) for p in prompts[4:]]
    events = [list(r) for r in reqs]
    for p, r, ev in zip(prompts, reqs, events):
        tokens, logps = refs[tuple(p)]
        assert r.output_ids == tokens
        got = [lp.logprob for e in ev for lp in (e.logprobs or [])]
        assert max(abs(a - b) for a, b in zip(got, logps)) <= 1e-4 and len(got) == N
    if speculative:
        assert 0 < engine.stats.accepted < engine.stats.drafted  # drafts both accepted and rejected


def test_mixed_greedy_and_sampled_requests_with_speculation(model):
    """Sampled requests beside greedy ones take the unfused speculative path (the MTP module catching up in its
    own forward): greedy tokens stay those of full forwards; a seeded sampled request decoded without drafts
    gives the same tokens batched as alone."""
    cfg = model.config
    g = torch.Generator().manual_seed(2)
    prompts = [torch.randint(0, cfg.vocab_size, (n,), generator=g).tolist() for n in (7, 4, 10)]
    refs = {tuple(p): greedy_reference(model, p, 12)[0] for p in prompts}
    sampled = SamplingParams(temperature=0.8, top_k=20, max_tokens=12, seed=7)
    alone = Engine(model, max_batch=1, max_len=64, speculative=False).submit(prompts[1], sampled).result()
    engine = Engine(model, max_batch=3, max_len=64, speculative=True)
    with_oracle_drafts(engine, refs)
    greedy = SamplingParams(temperature=0, max_tokens=12)
    reqs = [engine.submit(prompts[0], greedy), engine.submit(prompts[1], sampled), engine.submit(prompts[2], greedy)]
    out = [r.result() for r in reqs]
    assert out[0].output_ids == refs[tuple(prompts[0])] and out[2].output_ids == refs[tuple(prompts[2])]
    assert out[0].accepted > 0 and out[0].drafted > out[0].accepted
    plain = Engine(model, max_batch=3, max_len=64, speculative=False)
    reqs = [plain.submit(prompts[0], greedy), plain.submit(prompts[1], sampled)]
    assert reqs[1].result().output_ids == alone.output_ids and len(alone.output_ids) == 12


def test_compile_is_refused_for_v4_and_the_engine_decodes_eagerly():
    model = random_model(v4_config(), seed=1)
    with pytest.raises(ValueError, match="DeepSeek-V4"):
        InferenceModel(model, compile=True)
    with pytest.warns(UserWarning, match="DeepSeek-V4"):
        engine = Engine(model, max_batch=1, max_len=32, compile=True)
    assert not engine.im.compiled
    prompt = [3, 4, 5]
    assert engine.submit(prompt, SamplingParams(temperature=0, max_tokens=5)).result().output_ids == \
        greedy_reference(model, prompt, 5)[0]


def tiny_v4(**changes):
    torch.manual_seed(0)
    from nanoseek.model import Transformer
    return Transformer(get_preset("tiny-v4").replace(**changes)).eval()


def test_cli_generate_on_tiny_v4(tmp_path, capsys):
    model = tiny_v4()
    nanoseek.save(model, tmp_path)
    cli(["generate", "--model", str(tmp_path), "--prompt-ids", "1,2,3,4,5", "--max-tokens", "8"])
    tokens = [int(t) for t in capsys.readouterr().out.split()]
    assert tokens == greedy_reference(model, [1, 2, 3, 4, 5], 8)[0]


def test_serve_tiny_v4_completions_with_a_stop_string(tmp_path):
    from servers import serve, tokenizer
    try:
        import httpx2 as httpx
    except ImportError:
        import httpx
    tok = tokenizer()
    model = tiny_v4(vocab_size=tok.vocab_size)
    nanoseek.save(model, tmp_path)
    tok.save(tmp_path)
    prompt = "hello world"
    ids = tok.encode(prompt, bos=True)
    want = tok.decode(greedy_reference(model, ids, 12)[0], skip_special=True)
    stop = want[len(want) // 2:len(want) // 2 + 2]
    with serve(tmp_path, speculative=True) as server:
        body = {"model": "rigged", "prompt": prompt, "max_tokens": 12, "temperature": 0}
        r = httpx.post(server.url + "/v1/completions", json=body, timeout=60)
        assert r.status_code == 200, r.text
        assert r.json()["choices"][0]["text"] == want
        r = httpx.post(server.url + "/v1/completions", json={**body, "stop": [stop]}, timeout=60)
        assert r.json()["choices"][0]["text"] == want[:want.index(stop)]
        assert r.json()["choices"][0]["finish_reason"] == "stop"


def test_padding_past_the_slack_is_an_error_not_wrong_logits(model):
    """A forward that writes more positions past a row's end than the cache's slack overwrites window slots the
    row still needs: its next forward says so instead of attending over the wrong keys."""
    cfg = model.config
    im = InferenceModel(model, deterministic=False)
    cache = HybridCache(cfg, 2, 64, slack=2)
    ids = torch.randint(0, cfg.vocab_size, (2, 20))
    im.run(ids, torch.arange(20).expand(2, 20), cache, torch.tensor([0, 1]))  # row 1's prompt: 3 tokens, padded
    im.run(ids[:1, :1], torch.tensor([[20]]), cache, torch.tensor([0]))  # row 0: all 20 were real
    with pytest.raises(ValueError, match="slack"):
        im.run(ids[:1, :1], torch.tensor([[3]]), cache, torch.tensor([1]))


@pytest.mark.parametrize("speculative", [False, True])
def test_a_conversation_goes_on_from_its_cached_prefix(model, speculative):
    """A prompt that extends a finished sequence (the next turn of a chat) goes on from that slot's cache; one that
    shares only its first tokens cannot go back that far in the rings (the slot wrote more than slack positions
    after them) and is prefilled anew. Both give the full forward's greedy tokens."""
    cfg = model.config
    g = torch.Generator().manual_seed(3)
    first = torch.randint(0, cfg.vocab_size, (10,), generator=g).tolist()
    engine = Engine(model, max_batch=2, max_len=64, speculative=speculative, prefill_chunk=4)  # slack 6
    params = SamplingParams(temperature=0, max_tokens=12)
    turn = engine.submit(first, params).result()
    follow = first + turn.output_ids + [5, 6, 7]
    again = engine.submit(follow, params).result()
    assert again.cached_tokens >= len(first) + 10
    assert again.output_ids == greedy_reference(model, follow, 12)[0]
    other = follow[:3] + [(t + 1) % cfg.vocab_size for t in follow[3:12]]
    late = engine.submit(other, params).result()
    assert late.cached_tokens == 0
    assert late.output_ids == greedy_reference(model, other, 12)[0]


@pytest.mark.parametrize("rates", list(RATES))
def test_deterministic_mode_is_batch_invariant(rates):
    """Engine(deterministic=True): a row's logits do not depend on its batch, bit for bit (batched and alone, a
    prefill in pieces, a [token, draft] pair written again), and equal the full forward's to 1e-5, the MTP
    module's too; so its speculative greedy tokens are plain decoding's."""
    model = random_model(v4_config(**RATES[rates]), seed=5)
    cfg = model.config
    ids = torch.randint(0, cfg.vocab_size, (3, 20), generator=torch.Generator().manual_seed(4))
    pos = torch.arange(20).expand(3, 20)
    im = InferenceModel(model, deterministic=True)
    cache = HybridCache(cfg, 6, 64, slack=20)
    hidden, together = im.run(ids, pos, cache, torch.tensor([5, 1, 2]))
    with torch.no_grad():
        full = model.hidden_states(ids)
        (mtp,) = model.mtp_logits(ids, full)
    assert (together - model.lm_head(full)).abs().max() < 1e-5
    drafts = im.draft(hidden[:, :-1], ids[:, 1:], pos[:, :-1], cache, torch.tensor([5, 1, 2]),
                      torch.arange(19).expand(3, 19))
    assert (drafts - mtp).abs().max() < 1e-5
    alone = HybridCache(cfg, 1, 64, slack=20)
    chunks = [im.run(ids[1:2, a:b], pos[1:2, a:b], alone, torch.tensor([0]))[1] for a, b in [(0, 7), (7, 8), (8, 20)]]
    assert torch.equal(torch.cat(chunks, dim=1), together[1:2])
    pair = im.run(ids[:2, 8:10], pos[:2, 8:10], cache, torch.tensor([5, 1]))[1]
    assert torch.equal(pair, together[:2, 8:10])
    prompts = [ids[i, :n].tolist() for i, n in enumerate((4, 9, 13))]
    refs = {tuple(p): greedy_reference(model, p, 10)[0] for p in prompts}
    for spec in (False, True):
        engine = Engine(model, max_batch=3, max_len=64, deterministic=True, speculative=spec)
        if spec:
            with_oracle_drafts(engine, refs)
        reqs = [engine.submit(p, SamplingParams(temperature=0, max_tokens=10)) for p in prompts]
        assert [r.result().output_ids for r in reqs] == [refs[tuple(p)] for p in prompts]


def test_indexer_ties_go_to_the_lower_entry_in_every_path():
    """Indexer scores all equal (its head weights zeroed): each CSA query keeps its index_topk lowest finished
    entries whatever else its forward holds, so a sequence decoded one token at a time, or prefilled in pieces
    beside a longer row, gives the full forward's logits."""
    model = random_model(v4_config(), seed=5)
    with torch.no_grad():
        for layer in model.layers:
            if layer.attn.indexer is not None:
                layer.attn.indexer.weights_proj.weight.zero_()
    cfg = model.config
    g = torch.Generator().manual_seed(0)
    seqs = [torch.randint(0, cfg.vocab_size, (n,), generator=g).tolist() for n in (40, 33)]
    (want, _), (other, _) = full_forward(model, seqs)
    im = InferenceModel(model, deterministic=False)
    cache = HybridCache(cfg, 2, 64, slack=8)
    got = [im.run(torch.tensor([[t]]), torch.tensor([[i]]), cache, torch.tensor([0]))[1][0, 0]
           for i, t in enumerate(seqs[0])]
    assert (torch.stack(got) - want).abs().max() < 1e-4
    cache = HybridCache(cfg, 2, 64, slack=8)  # both rows in one forward (the shorter one right-padded), then
    ids = torch.tensor([seqs[0], seqs[1] + [0] * 7])  # row 1 written again from its start, in pieces of 11
    rows = im.run(ids, torch.arange(40).expand(2, 40), cache, torch.tensor([0, 1]))[1]
    pieces = [im.run(torch.tensor([seqs[1][a:a + 11]]), torch.arange(a, a + 11)[None], cache, torch.tensor([1]))[1][0]
              for a in range(0, 33, 11)]
    assert (rows[0] - want).abs().max() < 1e-4 and (rows[1, :33] - other).abs().max() < 1e-4
    assert (torch.cat(pieces) - other).abs().max() < 1e-4


@pytest.mark.parametrize("experts", [6, 10])
def test_deterministic_mode_is_batch_invariant_with_gate_scores_short_of_a_vector(experts):
    """Fewer than 16 routed experts: a token's gate scores do not fill a CPU vector, so how many of them fall in a
    kernel's scalar tail depends on the batch; the deterministic mode's gates still give every row the same bits
    batched (3 rows, 20 tokens) as alone (in prefill pieces and a single decoded token)."""
    model = random_model(v4_config(n_routed_experts=experts), seed=5)
    cfg = model.config
    ids = torch.randint(0, cfg.vocab_size, (3, 20), generator=torch.Generator().manual_seed(4))
    pos = torch.arange(20).expand(3, 20)
    im = InferenceModel(model, deterministic=True)
    together = im.run(ids, pos, HybridCache(cfg, 3, 64, slack=20), torch.arange(3))[1]
    for i in range(3):
        alone = HybridCache(cfg, 1, 64, slack=20)
        chunks = [im.run(ids[i:i + 1, a:b], pos[i:i + 1, a:b], alone, torch.tensor([0]))[1]
                  for a, b in [(0, 7), (7, 8), (8, 20)]]
        assert torch.equal(torch.cat(chunks, dim=1), together[i:i + 1]), i


def test_model_forward_over_rows_of_their_own_lengths_and_forked_rows(model):
    """`Transformer.forward(ids, cache, rows)` continues each row from its own length; `fork` copies a row's state
    (G samples of one prompt, as RL rollouts share a prefill): each continues as the full forward of its text."""
    cfg = model.config
    seqs = torch.randint(0, cfg.vocab_size, (4, 30), generator=torch.Generator().manual_seed(6))
    cache = HybridCache(cfg, 4, 64)
    with torch.no_grad():
        full = model(seqs)
        model(seqs[:1, :11], cache, torch.tensor([0]))
        cache.fork(0, torch.tensor([2, 3]))
        model(seqs[1:2, :5], cache, torch.tensor([1]))
        seqs[2:, :11] = seqs[0, :11]  # rows 2 and 3 share row 0's first 11 tokens, then go their own way
        full[2:] = model(seqs[2:])
        assert cache.lengths.tolist() == [11, 5, 11, 11]
        got = [model(seqs[[0, 2, 3], 11:13], cache, torch.tensor([0, 2, 3])),
               model(seqs[1:2, 5:12], cache, torch.tensor([1]))]
    assert (got[0] - full[[0, 2, 3], 11:13]).abs().max() <= 1e-4
    assert (got[1] - full[1:2, 5:12]).abs().max() <= 1e-4
    assert cache.lengths.tolist() == [13, 12, 13, 13]
