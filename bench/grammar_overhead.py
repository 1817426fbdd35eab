"""The cost of grammar-constrained decoding (response_format json_schema, tool arguments): decode tokens/s of
the engine with a JSON-schema constraint on vs off, at batch 1 and batch B, nanoseek against itself.

    python bench/grammar_overhead.py [--batch 16] [--new 128] [--repeats 3] [--model CHECKPOINT]

Random weights on the `tiny` preset (the cost of a forward does not depend on them) with a tokenizer trained on
the embedded corpus to the preset's vocabulary, or a checkpoint (--model, with its tokenizer). Both sides
sample at temperature 1 with the same seeds and the same prompts, EOS ignored (no stop token), so each request
makes exactly --new tokens; the constrained side runs the grammar's mask and advance on every token, under a
schema whose values are long (an array of strings) so that the grammar is still open for most of them (the
share of outputs that had closed their JSON is printed). Off and on alternate `--repeats` times; the ratio of
medians is reported (the machine is noisy, ratios are stable).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import torch

import nanoseek
from nanoseek.data.sources import default_corpus
from nanoseek.engine import Engine, SamplingParams
from nanoseek.engine.grammar import json_grammar
from nanoseek.model import Transformer
from nanoseek.presets import get_preset
from nanoseek.tokenizer import Tokenizer

SCHEMA = {"type": "object", "properties": {"title": {"type": "string"},
                                           "lines": {"type": "array", "items": {"type": "string"}},
                                           "year": {"type": "integer"}},
          "required": ["title", "lines"], "additionalProperties": False}


def run(engine: Engine, prompts: list[list[int]], new: int, grammar: str | None) -> tuple[float, list]:
    start = time.perf_counter()
    reqs = [engine.submit(p, SamplingParams(temperature=1.0, seed=i, max_tokens=new, grammar=grammar))
            for i, p in enumerate(prompts)]
    outs = [r.result() for r in reqs]
    return time.perf_counter() - start, outs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--new", type=int, default=128, help="tokens per request")
    ap.add_argument("--prompt", type=int, default=32, help="prompt tokens")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--model", help="a checkpoint directory (default: random weights, tiny preset)")
    ap.add_argument("--compile", action="store_true", help="torch.compile the engine's forward (slower start)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.model:
        model, tok = nanoseek.load(args.model).eval(), Tokenizer.load(args.model)
    else:
        docs = [d for _, d in zip(range(4), default_corpus())]  # four plays: enough for a 4096-token BPE
        tok = Tokenizer.train(docs, vocab_size=get_preset("tiny").vocab_size)
        torch.manual_seed(0)
        model = Transformer(get_preset("tiny").replace(vocab_size=tok.vocab_size)).eval()
    g = torch.Generator().manual_seed(0)
    vocab = model.config.vocab_size
    start = time.perf_counter()
    grammar = json_grammar(SCHEMA)
    out = {"batch_sizes": [1, args.batch], "new_tokens": args.new, "prompt_tokens": args.prompt,
           "vocab": vocab, "threads": args.threads, "model": args.model or "tiny (random weights)"}
    for batch in (1, args.batch):
        engine = Engine(model, tok, max_batch=batch, max_len=args.prompt + args.new + 1, speculative=False,
                        prefix_reuse=False, threads=args.threads, compile=args.compile)
        engine.grammar_tokenizer.check(grammar)  # built once per engine: grammar_setup_s, not timed below
        out.setdefault("grammar_setup_s", round(time.perf_counter() - start, 3))
        prompts = [torch.randint(20, vocab, (args.prompt,), generator=g).tolist() for _ in range(batch)]
        run(engine, prompts, 4, grammar)  # warm-up
        times = {"off": [], "on": []}
        closed = 0
        for k in range(args.repeats):
            for side in (("off", "on") if k % 2 == 0 else ("on", "off")):
                seconds, outs = run(engine, prompts, args.new, grammar if side == "on" else None)
                times[side].append(seconds)
                if side == "on":
                    closed += sum(tok.eos_id in r.output_ids for r in outs)
        tokens = batch * args.new
        off, on = statistics.median(times["off"]), statistics.median(times["on"])
        out[f"batch{batch}"] = {"tokens_per_s_off": round(tokens / off, 1), "tokens_per_s_on": round(tokens / on, 1),
                                "on_over_off": round(off / on, 3),
                                "json_closed_share": round(closed / (batch * args.repeats), 3)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
