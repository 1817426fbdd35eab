"""The `nanoseek` command. Each subcommand parses its flags and hands over to the package; nothing imports this."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path


def _dtype(name: str | None):
    import torch
    return {None: None, "fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}[name]


def cmd_info(args) -> None:
    from .checkpoint import load
    from .config import human
    from .presets import get_preset
    from .quant.apply import read_config

    quantization = None
    if args.model:
        cfg, quantization = read_config(Path(args.model) / "config.json")
        source = args.model
    else:
        cfg = get_preset(args.preset)
        source = f"preset {args.preset}"
    n = cfg.num_params()
    if cfg.model_type == "deepseek_v4":
        return _info_v4(cfg, n, source)
    mla = cfg.kv_lora_rank + cfg.qk_rope_head_dim
    mha = cfg.num_attention_heads * (cfg.qk_head_dim + cfg.v_head_dim)
    groups = ("greedy over all" if cfg.topk_method == "greedy"
              else f"{cfg.n_group} groups (top {cfg.topk_group})")
    print(f"nanoseek model ({source}): {cfg.model_type}")
    print(f"  layers {cfg.num_hidden_layers} ({cfg.first_k_dense_replace} dense), hidden {cfg.hidden_size}, "
          f"heads {cfg.num_attention_heads}, vocab {cfg.vocab_size}")
    print(f"  experts: {cfg.n_shared_experts} shared + {cfg.n_routed_experts} routed, "
          f"{cfg.num_experts_per_tok} active, {cfg.scoring_func} gate, {groups}")
    print(f"  parameters: {human(n['total'])} total, {human(n['active'])} activated per token "
          f"(+ {human(n['mtp'])} in {cfg.num_nextn_predict_layers} MTP module(s))")
    print(f"  KV cache per token per layer: {mla} numbers (MLA latent) vs {mha} for plain multi-head "
          f"attention ({mha / mla:.1f}x smaller)")
    if cfg.sparse:
        print(f"  sparse attention (DSA): a lightning indexer ({cfg.index_n_heads} heads x {cfg.index_head_dim}) picks "
              f"{cfg.index_topk} keys per query; its key cache adds {cfg.index_head_dim} numbers per token per layer")
    per_token = cfg.kv_cache_bytes(1)
    sizes = ", ".join(f"{name} {b / 2 ** 20:.1f} MiB" if (b := cfg.kv_cache_bytes(ctx)) < 2 ** 30
                      else f"{name} {b / 2 ** 30:.1f} GiB"
                      for name, ctx in (("1K", 1 << 10), ("128K", 128 << 10), ("1M", 1 << 20)))
    print(f"  KV cache (bf16): {per_token:,} bytes per token; one sequence of {sizes}")
    if quantization:
        print(f"  quantized: {quantization}")
    if args.model and args.load:
        from .quant import weight_bytes

        model = load(args.model, device="cpu")
        print(f"  loaded: {weight_bytes(model) / 2 ** 20:.1f} MiB of weights in memory"
              + ("" if quantization else f" ({model.embed_tokens.weight.dtype})"))


def _info_v4(cfg, n: dict, source: str) -> None:
    from collections import Counter

    from .config import human

    kinds = Counter(cfg.layer_types)
    rates = cfg.compress_rates
    print(f"nanoseek model ({source}): {cfg.model_type}")
    print(f"  layers {cfg.num_hidden_layers} ({kinds['sliding_attention']} sliding window only, "
          f"{kinds['compressed_sparse_attention']} CSA {rates['compressed_sparse_attention']}:1 top-{cfg.index_topk}, "
          f"{kinds['heavily_compressed_attention']} HCA {rates['heavily_compressed_attention']}:1), window "
          f"{cfg.sliding_window}, hidden {cfg.hidden_size}, heads {cfg.num_attention_heads} x {cfg.head_dim}, "
          f"{cfg.hc_mult} mHC streams, vocab {cfg.vocab_size}")
    print(f"  experts: 1 shared + {cfg.n_routed_experts} routed, {cfg.num_experts_per_tok} active, "
          f"{cfg.scoring_func} gate, {cfg.mlp_layer_types.count('hash_moe')} hash-routed layer(s)")
    print(f"  parameters: {human(n['total'])} total, {human(n['active'])} activated per token "
          f"(+ {human(n['mtp'])} in {cfg.num_nextn_predict_layers} MTP module(s))")
    for name, ctx in (("1K", 1 << 10), ("128K", 128 << 10), ("1M", 1 << 20)):
        b = cfg.kv_cache_bytes(ctx)
        size = f"{b / 2 ** 20:.1f} MiB" if b < 2 ** 30 else f"{b / 2 ** 30:.2f} GiB"
        print(f"  KV cache (bf16, window + compressed entries) at {name}: {b / ctx:,.0f} bytes per token, {size} "
              "per sequence")


def cmd_generate(args) -> None:
    import torch

    from .checkpoint import load_quantized
    from .engine import SamplingParams, generate

    try:
        model = load_quantized(args.model, args.quant, args.group_size, dtype=_dtype(args.dtype), device=args.device)
    except ValueError as e:
        sys.exit(f"nanoseek generate: {e}")
    tok = None
    if (Path(args.model) / "tokenizer.json").exists():
        from .tokenizer import Tokenizer
        tok = Tokenizer.load(args.model)
    if args.prompt_ids is not None:
        ids = [int(x) for x in args.prompt_ids.split(",") if x.strip()]
    elif tok is None:
        sys.exit(f"{args.model} has no tokenizer.json: pass token ids with --prompt-ids 1,2,3")
    else:
        ids = tok.encode(args.prompt, bos=True)
    stops = () if tok is None else (tok.eos_id,)
    params = SamplingParams(temperature=args.temperature, top_k=args.top_k, top_p=args.top_p,
                            max_tokens=args.max_tokens, seed=args.seed, stop_token_ids=stops)
    torch.manual_seed(args.seed or 0)
    out = []
    if tok is not None:
        print(args.prompt, end="", flush=True)
    for t in generate(model, ids, params, compile=args.compile):
        out.append(t)
        if tok is None:
            print(t, end=" ", flush=True)
    if tok is not None:
        print(tok.decode(out, skip_special=True))
    else:
        print()


def add_dataclass_flags(parser: argparse.ArgumentParser, cls, skip: tuple[str, ...] = ()) -> None:
    """One --flag per field of a settings dataclass, typed and defaulted from the field."""
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        flag = "--" + f.name.replace("_", "-")
        kind = (f.type if isinstance(f.type, str) else f.type.__name__).split("|")[0].strip()  # "int | None" -> int
        if kind == "bool":
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=f.default)
        else:
            conv = int if kind == "int" else float if kind == "float" else str
            parser.add_argument(flag, type=conv, default=f.default, metavar=f.name.upper())


def settings(cls, args, **overrides):
    values = {f.name: getattr(args, f.name) for f in dataclasses.fields(cls) if hasattr(args, f.name)}
    return cls(**{**values, **overrides})


def cmd_data(args) -> None:
    from .data import build
    from .data.passkey import passkey_documents

    m = build(args.out, vocab_size=args.vocab_size, paths=args.input, val_fraction=args.val_fraction,
              use_default_corpus=True if args.with_default_corpus else None, fim_rate=args.fim_rate,
              extra_documents=passkey_documents(args.passkey_documents, args.passkey_fillers),
              tokenizer=args.tokenizer)
    for split, info in m["splits"].items():
        print(f"{split}: {info['documents']} documents, {info['tokens']:,} tokens, {info['bytes']:,} bytes")
    print(f"tokenizer ({m['vocab_size']} tokens) and shards written to {args.out}")


def cmd_pretrain(args) -> None:
    from .train.pretrain import PretrainConfig, pretrain
    from .train.report import write_report

    summary = pretrain(settings(PretrainConfig, args))
    if summary["rank"]:
        return  # under torchrun rank 0 reports
    if summary["finished"]:
        print(f"report: {write_report(args.out, summary, args.hour_price)}")
    else:
        print(f"stopped at step {summary['step']}; checkpoint in {args.out}/checkpoint (continue with --resume)")


def cmd_ablate(args) -> None:
    from .train.ablate import AblateConfig, ablate

    report = ablate(settings(AblateConfig, args))
    best = min(report["variants"], key=lambda r: r["loss_at_equal_time"])
    print(f"{report['study']}: lowest validation loss at equal time: {best['name']} "
          f"({best['loss_at_equal_time']:.4f}); report: {args.out}/ablation.md")


def cmd_sft(args) -> None:
    from .train.sft import SFTConfig, sft

    summary = sft(settings(SFTConfig, args))
    if summary["rank"]:
        return  # under torchrun rank 0 reports
    print(f"sft {'done' if summary['finished'] else 'stopped'} at step {summary['step']}: "
          f"validation loss {summary.get('val_loss', float('nan')):.3f}; model in {args.out}/final")


def cmd_grpo(args) -> None:
    from .train.grpo import GRPOConfig, grpo

    summary = grpo(settings(GRPOConfig, args))
    print(f"grpo {'done' if summary['finished'] else 'stopped'} at step {summary['step']}: "
          + ", ".join(f"{k} {v:.3f}" for k, v in summary.items() if k.startswith("test_")))


def cmd_distill(args) -> None:
    from .train.distill import DistillConfig, distill

    summary = distill(settings(DistillConfig, args))
    total = summary["total"]
    print(f"distill: kept {total['kept']} verified traces of {total['samples']} samples (acceptance "
          f"{total['acceptance_rate']:.1%}) in {summary['traces']}")
    for name, c in summary["tasks"].items():
        print(f"  {name}: {c['correct']}/{c['samples']} accepted ({c['acceptance_rate']:.1%}), {c['kept']} kept")
    student = summary.get("student")
    if student:
        for name, before in student["eval_before"].items():
            print(f"  student {name} pass@1: {before['pass@1']:.3f} -> {student['eval_after'][name]['pass@1']:.3f}")
        print(f"student: {student['final'] or 'stopped before the end'}; summary in {args.out}/summary.json")


def cmd_eval(args) -> None:
    import json

    from .checkpoint import load
    from .tasks import get_task, task_tools
    from .tokenizer import Tokenizer
    from .train.evaluate import evaluate_fim, evaluate_passkey, evaluate_task, evaluate_with_tools

    model = load(args.model, device=args.device)
    tok = Tokenizer.load(args.model)
    results = {name: evaluate_task(model, tok, get_task(name), args.n, args.difficulty, args.max_tokens, args.k)
               for name in args.tasks.split(",") if name}
    if tok.has_tools and args.max_tool_calls:  # the same problems with the task's tool offered and its calls run
        for name in filter(None, args.tasks.split(",")):
            if task_tools(name):
                results[name].update(evaluate_with_tools(model, tok, get_task(name), args.n, args.difficulty,
                                                         args.max_tokens, max_calls=args.max_tool_calls))
    if tok.has_fim:  # fill-in-the-middle: a missing line of held-out worked solutions
        for name in filter(None, args.tasks.split(",")):
            results[name].update(evaluate_fim(model, tok, get_task(name), args.n))
    for length in filter(None, args.passkey.split(",")):
        results[f"passkey@{length}"] = evaluate_passkey(model, tok, int(length), args.n)
    if args.data:
        import math

        from .train.pretrain import evaluate
        val = evaluate(model, args.data, 256, 8, 1_000_000, next(model.parameters()).device)
        results["validation"] = {**val, "perplexity": math.exp(val["val_loss"])}
    print(json.dumps(results, indent=2))


def cmd_convert(args) -> None:
    from .train.runstate import dcp_to_release, release_to_dcp

    out = dcp_to_release(args.from_dcp, args.out) if args.from_dcp else release_to_dcp(args.to_dcp, args.out)
    print(f"wrote {out}")


def cmd_speedrun(args) -> None:
    from .train.speedrun import SpeedrunConfig, speedrun

    speedrun(settings(SpeedrunConfig, args))


def build_parser() -> argparse.ArgumentParser:
    # generate takes serve's --quant / --group-size
    from .serve.commands import quant_flags

    p = argparse.ArgumentParser(prog="nanoseek", description="The DeepSeek system in compact PyTorch.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("info", help="print a model's shape and parameter counts")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--preset", help="a named preset (nanoseek.presets.PRESETS: smoke, tiny, small, base, "
                   "deepseek-v3, tiny-v2, deepseek-v2, deepseek-v2-lite)")
    g.add_argument("--model", help="a checkpoint directory")
    s.add_argument("--load", action="store_true", help="also load the weights and count them")
    s.set_defaults(fn=cmd_info)

    s = sub.add_parser("generate", help="generate text from a checkpoint")
    s.add_argument("--model", required=True, help="checkpoint directory")
    s.add_argument("--prompt", default="")
    s.add_argument("--prompt-ids", help="comma-separated token ids instead of --prompt")
    s.add_argument("--max-tokens", type=int, default=64)
    s.add_argument("--temperature", type=float, default=0.0, help="0 = greedy")
    s.add_argument("--top-k", type=int, default=0)
    s.add_argument("--top-p", type=float, default=1.0)
    s.add_argument("--seed", type=int, default=None)
    s.add_argument("--dtype", choices=["fp32", "bf16", "fp16"], default=None, help="default: as stored")
    s.add_argument("--device", default=None, help="cpu, cuda, cuda:1 ... (default: cuda if available)")
    s.add_argument("--compile", action="store_true",
                   help="torch.compile the forward first (seconds; pays for long generations)")
    quant_flags(s)
    s.set_defaults(fn=cmd_generate)

    s = sub.add_parser("data", help="train the tokenizer and write token shards (default: the embedded corpus)")
    s.add_argument("--out", default="runs/data")
    s.add_argument("--input", nargs="*", default=[], help="your .txt / .jsonl / .parquet files or directories")
    s.add_argument("--with-default-corpus", action="store_true", help="mix the embedded corpus into --input")
    s.add_argument("--vocab-size", type=int, default=4096)
    s.add_argument("--tokenizer", metavar="DIR", help="reuse the tokenizer of this data directory or checkpoint "
                   "(data for a later stage of its model) instead of training one; --vocab-size is then its")
    s.add_argument("--val-fraction", type=float, default=0.05)
    s.add_argument("--fim-rate", type=float, default=0.1, help="share of training documents rearranged for "
                   "fill-in-the-middle (prefix-suffix-middle, as DeepSeek-V3: 0.1); 0 for none")
    s.add_argument("--passkey-documents", type=int, default=0, help="add this many generated passkey-retrieval "
                   "documents (a key hidden in filler text, asked for at the end; data/passkey.py)")
    s.add_argument("--passkey-fillers", type=int, default=10, help="their most filler sentences (~20 tokens each)")
    s.set_defaults(fn=cmd_data)

    from .train.pretrain import PretrainConfig
    s = sub.add_parser("pretrain", help="pretrain a model on shards from `nanoseek data`")
    add_dataclass_flags(s, PretrainConfig, skip=("overrides",))
    s.add_argument("--hour-price", type=float, default=None, help="$ per hour for the cost report")
    s.set_defaults(fn=cmd_pretrain)

    from .train.ablate import AblateConfig
    s = sub.add_parser("ablate", help="DeepSeek's ideas against their alternatives: variants trained for the same "
                                      "time or FLOPs, with a report (studies: recipe, attention, moe, mtp, "
                                      "balance, smoke)")
    add_dataclass_flags(s, AblateConfig)
    s.set_defaults(fn=cmd_ablate)

    from .train.sft import SFTConfig
    s = sub.add_parser("sft", help="supervised fine-tuning on chat data (default: worked task solutions)")
    add_dataclass_flags(s, SFTConfig, skip=("data", "preset", "aux_loss_alpha", "overrides"))
    s.set_defaults(fn=cmd_sft)

    from .train.grpo import GRPOConfig
    s = sub.add_parser("grpo", help="reinforcement learning with GRPO on a verifiable task")
    add_dataclass_flags(s, GRPOConfig)
    s.set_defaults(fn=cmd_grpo)

    from .train.distill import DistillConfig
    s = sub.add_parser("distill", help="a teacher's verified reasoning traces (rejection sampling), then SFT of a "
                                       "student on them")
    add_dataclass_flags(s, DistillConfig)
    s.set_defaults(fn=cmd_distill)

    s = sub.add_parser("eval", help="pass@1 / pass@k / mean@k on the tasks' test splits (with and without the tasks' "
                                    "tools), and validation perplexity")
    s.add_argument("--model", required=True)
    s.add_argument("--tasks", default="arithmetic,chain_sum,countdown,word_problem")
    s.add_argument("--n", type=int, default=100, help="test problems per task")
    s.add_argument("--k", type=int, default=1, help="also report pass@k and mean@k over k samples")
    s.add_argument("--difficulty", type=int, default=None)
    s.add_argument("--max-tokens", type=int, default=128)
    s.add_argument("--data", help="a data directory: also report validation loss / bits per byte")
    s.add_argument("--passkey", default="", metavar="LENGTHS", help="comma-separated context lengths in tokens: "
                   "also report passkey retrieval (a key hidden in filler text) at each")
    s.add_argument("--max-tool-calls", type=int, default=3, help="also evaluate with the tasks' tools (calculator, "
                   "Countdown checker), at most this many turns of calls per problem: 'pass@1 (tools)'; 0 for none")
    s.add_argument("--device", default=None)
    s.set_defaults(fn=cmd_eval)

    s = sub.add_parser("convert", help="sharded (DCP) checkpoint <-> single-file release (docs/distributed.md)")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--from-dcp", metavar="DIR", help="a DCP checkpoint directory (e.g. RUN/checkpoint) -> release")
    g.add_argument("--to-dcp", metavar="DIR", help="a release directory (config.json + safetensors) -> DCP")
    s.add_argument("--out", required=True, help="the directory to write")
    s.set_defaults(fn=cmd_convert)

    from .train.speedrun import SpeedrunConfig
    s = sub.add_parser("speedrun", help="the main job: data, tokenizer, pretraining, evaluation, report")
    add_dataclass_flags(s, SpeedrunConfig)
    s.set_defaults(fn=cmd_speedrun)

    from .export.commands import add_commands as add_export_commands
    from .guard.commands import add_commands as add_guard_commands
    from .serve.commands import add_commands as add_serve_commands
    add_export_commands(sub)
    add_serve_commands(sub)
    add_guard_commands(sub)
    return p


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
