"""`nanoseek ablate`: DeepSeek's ideas, one at a time, against their alternatives on this machine.

A study is a named set of variants of one preset (ModelConfig fields and training settings over it). Every
variant pretrains with the same data, seed and token order (pretrain.train, the loop every run uses) for the
same budget: wall-clock seconds of training steps (`--budget time`) or training FLOPs (`--budget flops`), the
learning-rate schedule stretched over the budget so that each run decays fully. The report puts both axes
side by side whichever budget stopped the runs: validation loss at the time every variant reached and at the
FLOPs every variant reached (read off each run's validation curve), tokens/s, MFU, and what the study is about
(expert-load violation, KV-cache bytes per token, MTP acceptance), next to the direction DeepSeek reported.

Studies (DeepSeek's papers: DeepSeekMoE, V2 for MLA, V3 tables 4 and 5 for MTP and balancing):
  recipe    the whole DeepSeek recipe vs Llama-style dense baselines (GQA / MHA, SwiGLU, no MTP): the headline
  attention MLA vs MHA vs GQA vs MQA (model/gqa.py), with each one's KV-cache bytes per token
  moe       dense SwiGLU vs DeepSeekMoE (shared + fine-grained routed) vs coarse top-2 without a shared expert,
            at equal activated parameters
  mtp       MTP depth 0 / 1 / 2: main-head validation loss, and the draft acceptance the MTP head buys
  balance   auxiliary-loss-free bias vs a sequence-wise auxiliary loss (several alpha) vs neither: loss and
            MaxVio (max expert load / mean - 1, DeepSeek-V3's measure) over training
  smoke     two tiny variants for tests and CI
"""

from __future__ import annotations

import dataclasses
import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

import torch

from ..data.shards import load_manifest
from ..presets import get_preset
from .flops import BUSY_SHARE, machine, measure_matmul_peak
from .metrics import read_metrics
from .pretrain import PretrainConfig, autocast, pick_device, pretrain


@dataclass
class Variant:
    name: str
    model: dict = field(default_factory=dict)  # ModelConfig fields over the preset
    train: dict = field(default_factory=dict)  # PretrainConfig fields over the study's


@dataclass
class Study:
    variants: list[Variant]
    question: str
    deepseek: str  # what DeepSeek's papers report, checked against the result by `verdict`
    verdict: object = None  # (results by variant name) -> bool: does this run agree with DeepSeek's direction?
    baselines: tuple[str, ...] = ()  # the variants every other one is measured against (their best, per axis)


def _lower(a: str, *others: str):
    return lambda r: all(r[a]["loss_at_equal_time"] < r[o]["loss_at_equal_time"] for o in others)


def moe_variants(preset: str) -> list[Variant]:
    """Three FFNs of the same activated width per MoE layer: the preset's (shared + fine-grained routed experts),
    a dense SwiGLU and a GShard-style coarse top-2 MoE, each with about the preset's total and active parameters."""
    cfg = get_preset(preset)
    active = (cfg.num_experts_per_tok + cfg.n_shared_experts) * cfg.moe_intermediate_size  # routed + shared width
    total = (cfg.n_routed_experts + cfg.n_shared_experts) * cfg.moe_intermediate_size
    n_moe = cfg.num_hidden_layers - cfg.first_k_dense_replace
    # dense: one width for every layer, the same activated FFN parameters over the whole stack
    dense = (cfg.first_k_dense_replace * cfg.intermediate_size + n_moe * active) // cfg.num_hidden_layers
    coarse = active // 2  # two experts make the activated width
    return [
        Variant("deepseekmoe"),
        Variant("dense", {"n_routed_experts": 0, "first_k_dense_replace": cfg.num_hidden_layers,
                          "intermediate_size": dense}),
        Variant("top2-coarse", {"n_routed_experts": max(2, round(total / coarse)), "n_shared_experts": 0,
                                "moe_intermediate_size": coarse, "num_experts_per_tok": 2, "n_group": 1,
                                "topk_group": 1}),
    ]


def attention_variants(preset: str) -> list[Variant]:
    """MLA against grouped-query attention with every key/value head count from H (MHA) down to 1 (MQA)."""
    heads = get_preset(preset).num_attention_heads
    kv = sorted({heads, max(1, heads // 2), 1}, reverse=True)
    names = {heads: "mha", 1: "mqa"}
    return [Variant("mla"), *[Variant(names.get(g, f"gqa{g}"), {"attention_type": "gqa", "num_key_value_heads": g})
                              for g in kv]]


def recipe_variants(preset: str) -> list[Variant]:
    """The preset as DeepSeek builds it (MLA, DeepSeekMoE, MTP, auxiliary-loss-free balancing) against Llama-style
    dense baselines of the same activated parameters: SwiGLU, grouped-query (and multi-head) attention, no MTP.
    The recipe without its MTP module stands beside it: MTP is a training-time cost (its block and a second pass
    through the output head) that DeepSeek pays for a denser signal and a drafter, so both are shown."""
    heads = get_preset(preset).num_attention_heads
    dense = next(v for v in moe_variants(preset) if v.name == "dense").model
    plain = {"num_nextn_predict_layers": 0, "attention_type": "gqa", **dense}
    return [Variant("deepseek"),
            Variant("deepseek-no-mtp", {"num_nextn_predict_layers": 0}, {"mtp_weight": 0.0}),
            Variant("dense-gqa", {**plain, "num_key_value_heads": max(1, heads // 2)}, {"mtp_weight": 0.0}),
            Variant("dense-mha", {**plain, "num_key_value_heads": heads}, {"mtp_weight": 0.0})]


def studies(preset: str) -> dict[str, Study]:
    return {
        "recipe": Study(recipe_variants(preset), "does the DeepSeek recipe beat the best dense Llama-style model of "
                        "the same activated parameters, on this machine's clock?",
                        "the recipe reaches a lower loss for the same compute (DeepSeek-V2/V3)",
                        _lower("deepseek", "dense-gqa", "dense-mha"), ("dense-gqa", "dense-mha")),
        "attention": Study(attention_variants(preset),
                           "MLA against multi-head, grouped-query and multi-query attention",
                           "MLA matches or beats MHA in quality with a far smaller KV cache, and beats GQA/MQA "
                           "(DeepSeek-V2 appendix D)",
                           lambda r: all(r["mla"]["loss_at_equal_time"] <= r[k]["loss_at_equal_time"] for k in r
                                         if k != "mla")),
        "moe": Study(moe_variants(preset), "does DeepSeekMoE beat a dense FFN and a coarse top-2 MoE of the same "
                     "activated parameters?", "DeepSeekMoE < GShard top-2 < dense in loss at equal activated "
                     "parameters (DeepSeekMoE paper)", _lower("deepseekmoe", "dense", "top2-coarse")),
        "mtp": Study([Variant("mtp0", {"num_nextn_predict_layers": 0}, {"mtp_weight": 0.0}),
                      Variant("mtp1", {"num_nextn_predict_layers": 1}),
                      Variant("mtp2", {"num_nextn_predict_layers": 2})],
                     "does predicting further tokens improve the main head?",
                     "MTP (depth 1) lowers the main model's loss (DeepSeek-V3 table 4)", _lower("mtp1", "mtp0")),
        "balance": Study([Variant("aux-free", train={"bias_update_speed": 0.001, "aux_loss_alpha": 0.0}),
                          *[Variant(f"aux-{a:g}", train={"bias_update_speed": 0.0, "aux_loss_alpha": a})
                            for a in (0.001, 0.01, 0.1)],
                          Variant("none", train={"bias_update_speed": 0.0, "aux_loss_alpha": 0.0})],
                         "auxiliary-loss-free balancing vs an auxiliary loss vs nothing",
                         "aux-loss-free: lower loss than the auxiliary loss at a similar or lower MaxVio "
                         "(DeepSeek-V3 table 5)",
                         lambda r: all(r["aux-free"]["loss_at_equal_time"] < r[f"aux-{a:g}"]["loss_at_equal_time"]
                                       for a in (0.001, 0.01, 0.1))),
        "smoke": Study([Variant("mtp0", {"num_nextn_predict_layers": 0}, {"mtp_weight": 0.0}), Variant("mtp1")],
                       "the machinery itself (tests, CI)", "-", None),
    }


@dataclass
class AblateConfig:
    data: str = "runs/data"  # a directory written by `nanoseek data`
    out: str = "runs/ablate"
    study: str = "moe"
    variants: str | None = None  # a comma-separated subset of the study's variants to run (default: all)
    preset: str = "tiny"
    budget: str = "time"  # time | flops: what every variant gets the same of
    seconds: float = 600.0  # --budget time: seconds of training steps per variant
    flops: float = 1e15  # --budget flops: training FLOPs per variant
    batch_size: int = 16
    seq_len: int = 256
    lr: float = 3e-3
    warmup: int = 30
    eval_every: int = 25  # steps between points of the validation curves
    eval_batches: int = 8
    max_steps: int = 100_000  # a cap; the budget ends each run
    seed: int = 0
    dtype: str = "fp32"  # one precision for every variant (auto could choose differently per run)
    device: str | None = None
    progress: bool = True


def variant_config(ac: AblateConfig, v: Variant, vocab_size: int):
    return get_preset(ac.preset).replace(**v.model, vocab_size=vocab_size)


def run_variant(ac: AblateConfig, v: Variant) -> dict:
    run = Path(ac.out) / v.name
    tc = PretrainConfig(
        data=ac.data, out=str(run), preset=ac.preset, steps=ac.max_steps, batch_size=ac.batch_size,
        seq_len=ac.seq_len, lr=ac.lr, warmup=ac.warmup, eval_every=ac.eval_every, eval_batches=ac.eval_batches,
        ckpt_every=10 ** 9, seed=ac.seed, dtype=ac.dtype, device=ac.device, progress=ac.progress, tensorboard=False,
        max_seconds=ac.seconds if ac.budget == "time" else None, max_flops=ac.flops if ac.budget == "flops" else None,
        overrides=v.model)
    tc = dataclasses.replace(tc, **v.train)
    summary = pretrain(tc)
    records = read_metrics(run)
    cfg = variant_config(ac, v, load_manifest(ac.data)["vocab_size"])
    curve = [(r["train_time"], r["tokens"] * summary["flops_per_token"], r["val_loss"]) for r in records
             if "val_loss" in r]
    loads = [r["expert_imbalance"] - 1 for r in records if r.get("expert_imbalance")]
    params = cfg.num_params()
    embed = cfg.vocab_size * cfg.hidden_size * (1 if cfg.tie_word_embeddings else 2)
    out = {"name": v.name, "model": v.model, "train": v.train, "steps": summary["step"], "tokens": summary["tokens"],
           "train_time": summary["train_time"], "flops": summary["tokens"] * summary["flops_per_token"],
           "flops_per_token": summary["flops_per_token"], "params_total": params["total"],
           "params_active": params["active"], "params_active_non_embedding": params["active"] - embed,
           "params_mtp": params["mtp"], "tokens_per_s": summary["tokens"] / summary["train_time"],
           "run_peak_flops": summary["peak_flops"], "run_peak_cpu_share": summary["peak_cpu_share"],
           "val_loss": summary.get("val_loss"), "curve": curve,
           "kv_cache_bytes_per_token": cfg.kv_cache_bytes(1),
           "max_vio": loads[-1] if loads else None, "max_vio_mean": sum(loads) / len(loads) if loads else None}
    if cfg.num_nextn_predict_layers:
        out["mtp_acceptance"] = mtp_acceptance(run / "final", ac)
    out["profile"] = step_profile(ac, cfg, tc)
    return out


# Where a training step's time goes: each profiled op's own time, by what it does. Ops under a grouped matmul
# (its per-expert products) count as the routed experts' matmuls.
PROFILE_GROUPS = {
    "matmuls": ("aten::mm", "aten::addmm", "aten::bmm", "aten::baddbmm"),
    "output softmax + loss": ("aten::_log_softmax", "aten::_log_softmax_backward_data", "aten::nll_loss",
                              "aten::nll_loss_backward", "aten::nll_loss_forward", "aten::nll_loss2d_forward"),
    "routing + token dispatch": ("aten::topk", "aten::sort", "aten::argsort", "aten::index_select", "aten::index_add_",
                                 "aten::index_add", "aten::scatter_add_", "aten::scatter_", "aten::gather",
                                 "aten::bincount", "aten::repeat_interleave", "aten::masked_fill", "aten::sigmoid",
                                 "aten::sigmoid_backward"),
    "optimizer": ("aten::_fused_adamw_", "aten::linalg_vector_norm", "aten::_foreach_norm", "aten::_foreach_mul_"),
}
EXPERT_OPS = ("aten::_grouped_mm", "GroupedMmBackward0")


def step_profile(ac: AblateConfig, cfg, tc: PretrainConfig, steps: int = 3) -> dict:
    """Seconds per training step by kind of work (PROFILE_GROUPS, plus "routed experts' matmuls" and "other":
    elementwise ops, norms, copies), from torch.profiler over `steps` steps of a fresh model of the variant on
    random tokens of the study's shape (after one unprofiled step); "step" is the profiled steps' wall time.
    CPU runs only (a GPU's time is not in the ops' CPU time): None elsewhere."""
    from torch.profiler import profile

    from ..model import Transformer
    from .distributed import clip_grad_norm
    from .optim import make_optimizer
    if pick_device(ac.device).type != "cpu":
        return None
    torch.manual_seed(ac.seed)
    model = Transformer(cfg).train()
    optimizer = make_optimizer(model, ac.lr, tc.weight_decay)
    x, y = (torch.randint(0, cfg.vocab_size, (ac.batch_size, ac.seq_len)) for _ in range(2))

    def step():
        with autocast(torch.device("cpu"), ac.dtype):
            loss = model.compute_loss(x, y, mtp_weight=tc.mtp_weight).loss
        loss.backward()
        clip_grad_norm(model, tc.grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        model.update_expert_bias(tc.bias_update_speed)

    step()
    group_of = {op: g for g, ops in PROFILE_GROUPS.items() for op in ops}
    with profile() as prof:
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        wall = time.perf_counter() - t0
    seconds: dict[str, float] = {}
    for e in prof.events():
        parent, experts = e.cpu_parent, e.name in EXPERT_OPS
        while parent is not None and not experts:
            experts, parent = parent.name in EXPERT_OPS, parent.cpu_parent
        group = "routed experts' matmuls" if experts else group_of.get(e.name, "other")
        seconds[group] = seconds.get(group, 0.0) + e.self_cpu_time_total / 1e6 / steps
    other = max(0.0, wall / steps - sum(v for k, v in seconds.items() if k != "other"))  # (incl. Python)
    return {**{g: seconds.get(g, 0.0) for g in (*PROFILE_GROUPS, "routed experts' matmuls")}, "other": other,
            "step": wall / steps}


@torch.no_grad()
def mtp_acceptance(path: Path, ac: AblateConfig) -> float:
    """Share of validation positions where the first MTP module's greedy guess of token t+2 equals the main head's
    greedy token t+2 (computed one position later): the acceptance a greedy speculative decoder would see when
    the main head's token t+1 is the text's own."""
    from ..checkpoint import load
    from ..data.loader import val_batches
    model = load(path, dtype=torch.float32).eval()
    agree = total = 0
    for i, (x, _) in enumerate(val_batches(ac.data, ac.batch_size, ac.seq_len)):
        if i >= ac.eval_batches:
            break
        hidden = model.hidden_states(x)
        logits = model.lm_head(hidden)
        draft = model.mtp_logits(x, hidden)[0].argmax(-1)  # position i: a guess of token i + 2
        main = logits[:, 1:].argmax(-1)  # position i + 1: the main head's token i + 2
        agree += int((draft == main).sum())
        total += draft.numel()
    return agree / max(1, total)


def at(curve: list[tuple[float, float, float]], axis: int, x: float) -> float:
    """The validation loss a run's curve gives at time (axis 0) or FLOPs (axis 1) x, linearly interpolated."""
    points = sorted((p[axis], p[2]) for p in curve)
    if not points:
        return math.nan
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / max(x1 - x0, 1e-12)
    return points[-1][1]


def ablate(ac: AblateConfig) -> dict:
    all_studies = studies(ac.preset)
    if ac.study not in all_studies:
        raise ValueError(f"unknown study {ac.study!r}; choose one of {', '.join(all_studies)}")
    if ac.budget not in ("time", "flops"):
        raise ValueError(f"--budget must be 'time' or 'flops'; got {ac.budget!r}")
    if not (Path(ac.data) / "manifest.json").exists():
        raise FileNotFoundError(f"no token shards in {ac.data} (expected {ac.data}/manifest.json): "
                                f"run `nanoseek data --out {ac.data}` first")
    study = all_studies[ac.study]
    chosen = study.variants
    if ac.variants:
        names = [n.strip() for n in ac.variants.split(",") if n.strip()]
        unknown = sorted(set(names) - {v.name for v in study.variants})
        if unknown or not names:
            raise ValueError(f"--variants: {', '.join(unknown) or 'none given'} not in study {ac.study!r}, whose "
                             f"variants are {', '.join(v.name for v in study.variants)}")
        chosen = [v for v in study.variants if v.name in names]
    # One matmul peak for the whole study, measured before any variant trains, for 3 s: the 0.5 s peak each run takes
    # at its start moved 1.8x between the variants of one quiet study (BENCHMARKS.md, Ablation), and MFUs divided
    # by different peaks cannot be compared.
    device = pick_device(ac.device)
    info: dict = {}
    peak = measure_matmul_peak(torch.float32 if ac.dtype == "fp32" else torch.bfloat16, str(device), seconds=3.0,
                               info=info)
    results = {v.name: run_variant(ac, v) for v in chosen}
    for r in results.values():
        r["mfu"] = r["flops"] / r["train_time"] / peak
    complete = len(results) == len(study.variants)  # the verdict compares them all
    # the budget every variant reached, on both axes: read each curve there
    for axis, key in ((0, "time"), (1, "flops")):
        common = min(max((p[axis] for p in r["curve"]), default=0.0) for r in results.values())
        for r in results.values():
            r[f"loss_at_equal_{key}"] = at(r["curve"], axis, common)
            r[f"equal_{key}"] = common
    report = {"study": ac.study, "question": study.question, "deepseek": study.deepseek,
              "agrees": bool(study.verdict(results)) if study.verdict and complete else None,
              "baselines": [b for b in study.baselines if b in results],
              "config": dataclasses.asdict(ac),
              "machine": machine(str(device)), "peak_flops": peak, "peak_cpu_share": info.get("cpu_share", 1.0),
              "variants": list(results.values())}
    out = Path(ac.out)
    (out / "ablation.json").write_text(json.dumps(report, indent=2) + "\n")
    plot(report, out / "ablation.png")
    (out / "ablation.md").write_text(markdown(report))
    return report


def plot(report: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(15, 4))
    for r in report["variants"]:
        t, f, loss = zip(*r["curve"]) if r["curve"] else ((), (), ())
        axes[0].plot(t, loss, label=r["name"])
        axes[1].plot(f, loss, label=r["name"])
        records = read_metrics(Path(report["config"]["out"]) / r["name"])
        load = [(x["train_time"], x["expert_imbalance"] - 1) for x in records if x.get("expert_imbalance")]
        if load:
            axes[2].plot(*zip(*load), label=r["name"])
    for ax, xlabel, title in zip(axes, ("training seconds", "training FLOPs", "training seconds"),
                                 ("validation loss vs time", "validation loss vs FLOPs", "MaxVio (expert load)")):
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        ax.legend()
    axes[0].set_ylabel("nats / token")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def markdown(report: dict) -> str:
    c = report["config"]
    budget = f"{c['seconds']:g} s of training steps" if c["budget"] == "time" else f"{c['flops']:.3g} training FLOPs"
    lines = [f"# Ablation: {report['study']}", "", report["question"], "",
             f"Preset `{c['preset']}`, {budget} per variant, batch {c['batch_size']} x {c['seq_len']}, {c['dtype']}, "
             f"seed {c['seed']}; {report['machine']}.", "",
             "| variant | active params (non-emb.) | steps | tokens/s | MFU | val loss at equal time | at equal FLOPs "
             "| MaxVio | KV bytes/token | MTP acceptance |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in report["variants"]:
        mv = "-" if r["max_vio"] is None else f"{r['max_vio']:.3f}"
        acc = f"{r['mtp_acceptance']:.3f}" if "mtp_acceptance" in r else "-"
        lines.append(f"| {r['name']} | {r['params_active_non_embedding']:,} | {r['steps']} | {r['tokens_per_s']:,.0f} "
                     f"| {r['mfu']:.1%} | {r['loss_at_equal_time']:.4f} | {r['loss_at_equal_flops']:.4f} | {mv} "
                     f"| {r['kv_cache_bytes_per_token']:,} | {acc} |")
    first = report["variants"][0]
    lines += ["", f"MFU against the study's matmul peak, {report['peak_flops'] / 1e9:.1f} GFLOP/s ({c['dtype']}, "
                  "measured for 3 s before the first variant)."]
    if report["peak_cpu_share"] < BUSY_SHARE:
        lines += ["", f"Warning: the peak was measured with {report['peak_cpu_share']:.0%} of the cores' time: other "
                      "processes ran, so the MFU column is unreliable, and the time budgets may have bought "
                      "fewer steps than a quiet machine gives."]
    lines += margins(report)
    lines += profile_table(report["variants"])
    lines += ["", f"Equal time: {first['equal_time']:.1f} s; equal FLOPs: {first['equal_flops']:.3g}.", "",
              f"DeepSeek reported: {report['deepseek']}. This run "
              + {True: "agrees.", False: "disagrees.", None: "makes no claim."}[report["agrees"]], "",
              "![curves](ablation.png)", ""]
    return "\n".join(lines)


def profile_table(variants: list[dict]) -> list[str]:
    """The report's lines on where each variant's training step spends its time (step_profile), if profiled."""
    profiled = [r for r in variants if r.get("profile")]
    if not profiled:
        return []
    groups = list(profiled[0]["profile"])
    return ["", "Where a training step's time goes, seconds per step (torch.profiler over 3 steps of each variant on "
            "random tokens; \"other\": elementwise ops, norms, copies and Python):", "",
            "| variant | " + " | ".join(groups) + " |", "|---" * (len(groups) + 1) + "|",
            *[f"| {r['name']} | " + " | ".join(f"{r['profile'][g]:.3f}" for g in groups) + " |" for r in profiled]]


def margins(report: dict) -> list[str]:
    """Each variant's validation loss minus the best baseline's, at equal time and at equal FLOPs (negative: ahead)."""
    base = [r for r in report["variants"] if r["name"] in report.get("baselines", ())]
    if not base:
        return []
    lines = [""]
    for r in report["variants"]:
        if r in base:
            continue
        parts = []
        for key in ("time", "flops"):
            best = min(base, key=lambda b: b[f"loss_at_equal_{key}"])
            d = r[f"loss_at_equal_{key}"] - best[f"loss_at_equal_{key}"]
            parts.append(f"{d:+.4f} nats against {best['name']} at equal {key} ({'ahead' if d < 0 else 'behind'})")
        lines.append(f"- {r['name']}: " + "; ".join(parts) + ".")
    return lines
