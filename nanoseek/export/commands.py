"""`nanoseek quantize` and `nanoseek export`: the argparse subcommands (cli.py calls add_commands).

    nanoseek quantize --model runs/tiny/final --to int8 --out runs/tiny-int8        # or int4 [--group-size 32], fp8
    nanoseek export --model runs/tiny/final --format gguf --out tiny.gguf --type q8_0
    nanoseek export --model runs/tiny/final --format hf --out runs/tiny-hf --type bf16

`generate` / `serve --quant KIND` quantize after loading with nanoseek.quant.apply_quant(model, KIND).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch

from ..checkpoint import copy_tokenizer, load, save_fp8, save_quantized
from ..quant import KINDS, apply_quant, dequantize
from .gguf import QTYPES as GGUF_TYPES
from .gguf import export_gguf
from .hf import export_hf


def _weights_size(path) -> int:
    return sum(f.stat().st_size for f in Path(path).glob("*.safetensors"))


def cmd_quantize(args) -> None:
    model = load(args.model, device="cpu")
    if getattr(model, "quantization", None) is not None:
        sys.exit(f"{args.model} is already quantized ({model.quantization.name}); quantize a floating-point "
                 "checkpoint")
    if args.to == "fp8":
        save_fp8(model, args.out)
    else:
        save_quantized(apply_quant(model, args.to, args.group_size), args.out)
    copy_tokenizer(args.model, args.out)
    before, after = _weights_size(args.model), _weights_size(args.out)
    print(f"{args.to}: weights {before / 1e6:.2f} MB -> {after / 1e6:.2f} MB on disk ({before / after:.2f}x "
          f"smaller) in {args.out}")


def cmd_export(args) -> None:
    model = load(args.model, dtype=torch.float32, device="cpu")
    if getattr(model, "quantization", None) is not None:
        dequantize(model)  # both formats start from floating-point weights
    if args.format == "gguf":
        out = export_gguf(model, args.model, args.out, tensor_type=args.type or "f16")
    else:
        out = export_hf(model, args.model, args.out, dtype=args.type or "bf16")
    print(f"wrote {out}")


def add_commands(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("quantize", help="write an int8 / int4 / FP8 copy of a checkpoint")
    s.add_argument("--model", required=True, help="floating-point checkpoint directory")
    s.add_argument("--to", required=True, choices=KINDS,
                   help="int8 per channel, int4 per group (nanoseek's format), fp8 (DeepSeek's 128x128 blocks)")
    s.add_argument("--out", required=True, help="output checkpoint directory")
    s.add_argument("--group-size", type=int, default=32, help="int4: input channels sharing one scale")
    s.set_defaults(fn=cmd_quantize)

    s = sub.add_parser("export", help="export a checkpoint for llama.cpp / Ollama (gguf) or Hugging Face (hf)")
    s.add_argument("--model", required=True, help="checkpoint directory (any precision)")
    s.add_argument("--format", required=True, choices=["gguf", "hf"])
    s.add_argument("--out", required=True, help="gguf: the .gguf file; hf: a directory")
    s.add_argument("--type", choices=list(GGUF_TYPES), default=None,
                   help="tensor type (gguf default f16; hf: f32, f16 or bf16, default bf16)")
    s.set_defaults(fn=cmd_export)
