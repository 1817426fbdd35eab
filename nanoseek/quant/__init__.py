"""Lower precision: int8/int4 weight-only quantization, FP8 in DeepSeek's block format, FP8 training.

    from nanoseek.quant import apply_quant
    from nanoseek.checkpoint import save_quantized, save_fp8
    apply_quant(model, "int8")            # or "int4" (group_size=32), "fp8": modules swapped in place
    save_quantized(model, "out/")         # int8/int4; nanoseek.load("out/") gives the quantized model back
    save_fp8(float_model, "out_fp8/")     # DeepSeek's released FP8 layout; nanoseek.load dequantizes it

save.py is imported apart because it needs nanoseek.checkpoint, which itself imports this package.
The inference engine computes on the quantized weights themselves (model/ops.py); `nanoseek generate /
serve --quant int8|int4|fp8` quantize a floating-point checkpoint on load (checkpoint.load_quantized).
FP8 training: nanoseek/quant/fp8_train.py.
"""

from .apply import KINDS, apply_quant, dequantize, quantization_config, weight_bytes

__all__ = ["KINDS", "apply_quant", "dequantize", "quantization_config", "weight_bytes"]
