"""How often the engine's throughput mode (GEMMs over the batch, the default) gives the tokens of one-at-a-time
decoding: N greedy requests decoded concurrently vs each alone, the share of tokens that agree and where the
sequences part. (The deterministic mode, `--deterministic`, agrees on every token: tests/test_engine.py.)

GEMM kernels sum in an order that depends on the batch's size, so a token's logits differ in their last bits
with its batch-mates; greedy decoding parts at the first near-tie, and from there the two continuations differ.

    python bench/batch_agreement.py --model runs/speedrun/sft/final     # a trained checkpoint, text prompts
    python bench/batch_agreement.py                                     # tiny preset, random weights
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform

import torch

import nanoseek
from nanoseek.engine import Engine, SamplingParams
from nanoseek.model import Transformer
from nanoseek.presets import get_preset


def agreement(model, prompts: list[list[int]], new: int, compile: bool) -> dict:
    params = SamplingParams(temperature=0, max_tokens=new)

    def make(batch: int) -> Engine:
        return Engine(model, max_batch=batch, max_len=max(map(len, prompts)) + new, prefix_reuse=False,
                      compile=compile)

    alone = [make(1).submit(p, params).result().output_ids for p in prompts]
    engine = make(len(prompts))
    together = [r.result().output_ids for r in [engine.submit(p, params) for p in prompts]]
    same = sum(a == b for x, y in zip(alone, together) for a, b in zip(x, y))
    parts = [next((i for i, (a, b) in enumerate(zip(x, y)) if a != b), None) for x, y in zip(alone, together)]
    return {"compiled": compile, "requests": len(prompts), "new_tokens": new,
            "tokens_agreeing": round(same / sum(map(len, alone)), 4),
            "sequences_identical": sum(p is None for p in parts),
            "first_difference_at": sorted(p for p in parts if p is not None)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="checkpoint directory (default: the tiny preset with random weights)")
    ap.add_argument("--requests", type=int, default=16)
    ap.add_argument("--new-tokens", type=int, default=64)
    ap.add_argument("--compile", action="store_true", help="also the compiled engine")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = nanoseek.load(args.model, dtype=torch.float32) if args.model else Transformer(get_preset("tiny"))
    g = torch.Generator().manual_seed(0)
    prompts = [torch.randint(2, model.config.vocab_size, (int(torch.randint(4, 32, (1,), generator=g)),),
                             generator=g).tolist() for _ in range(args.requests)]
    print(f"# batch agreement, {datetime.date.today()}, {platform.processor() or platform.machine()}, "
          f"{args.model or 'tiny preset, random weights'}")
    for compile in (False, True) if args.compile else (False,):
        print(json.dumps(agreement(model, prompts, args.new_tokens, compile)), flush=True)


if __name__ == "__main__":
    main()
