"""Exact arithmetic on untrusted text, for the tools and the Countdown checker: parsed with `ast`, never executed.

Only number literals, the whitelisted binary operators, unary minus/plus and parentheses pass; everything else
(names, calls, attributes, strings, comparisons, ...) is refused before anything is computed. Values are exact
fractions. Sizes are bounded before work is done: the text's length, the tree's depth, every value's magnitude
(numerator and denominator), and a power's result size is estimated from bit lengths before it is computed, so
`9**9**9` is refused at once instead of eating the machine.
"""

from __future__ import annotations

import ast
import operator
from fractions import Fraction

MAX_CHARS = 200
MAX_DEPTH = 32
MAX_BITS = 256  # of any numerator or denominator (about 77 decimal digits)
CHARACTERS = set("0123456789+-*/%(). ")

OPERATORS = {"+": (ast.Add, operator.add), "-": (ast.Sub, operator.sub), "*": (ast.Mult, operator.mul),
             "/": (ast.Div, operator.truediv), "//": (ast.FloorDiv, operator.floordiv),
             "%": (ast.Mod, operator.mod), "**": (ast.Pow, None)}
ALL = tuple(OPERATORS)


class CalculatorError(ValueError):
    """The expression is not one the calculator evaluates (the message says why)."""


def _bounded(value: Fraction) -> Fraction:
    if max(value.numerator.bit_length(), value.denominator.bit_length()) > MAX_BITS:
        raise CalculatorError(f"a value exceeds {MAX_BITS} bits")
    return value


def _power(base: Fraction, exponent: Fraction) -> Fraction:
    if exponent.denominator != 1:
        raise CalculatorError(f"only whole exponents are allowed, found {exponent}")
    e = abs(exponent.numerator)
    if max(base.numerator.bit_length(), base.denominator.bit_length()) * e > MAX_BITS + e:  # |base| > 1 grows
        raise CalculatorError(f"the power's result would exceed {MAX_BITS} bits")
    if base == 0 and exponent < 0:
        raise CalculatorError("division by zero")
    return base ** exponent.numerator


def calculate(expression: str, operators: tuple[str, ...] = ALL, unary: bool = True, decimals: bool = True,
              max_depth: int = MAX_DEPTH, literals: list[int] | None = None) -> Fraction:
    """The exact value of `expression`, or CalculatorError. operators: which of + - * / // % ** are allowed;
    unary: whether -x and +x are; decimals: whether literals like 2.5 are (else whole numbers only); literals:
    a list that receives every literal's value, in order (Countdown checks which numbers were used)."""
    if not isinstance(expression, str):
        raise CalculatorError(f"the expression must be a string, found {type(expression).__name__}")
    if len(expression) > MAX_CHARS:
        raise CalculatorError(f"the expression is {len(expression)} characters; at most {MAX_CHARS} are allowed")
    bad = sorted(set(expression) - CHARACTERS)
    if bad:
        raise CalculatorError(f"unexpected characters {''.join(bad)!r}: only digits, {' '.join(operators)}, "
                              "parentheses and spaces are allowed")
    if not expression.strip():
        raise CalculatorError("the expression is empty")
    try:
        tree = ast.parse(expression, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        shown = expression if len(expression) <= 40 else expression[:40] + "..."
        raise CalculatorError(f"{shown!r} is not a well-formed arithmetic expression") from None
    allowed = {OPERATORS[o][0]: o for o in operators}

    def walk(node, depth: int) -> Fraction:
        if depth > max_depth:
            raise CalculatorError(f"the expression nests deeper than {max_depth} levels")
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            text = ast.get_source_segment(expression, node) or ""
            if type(node.value) is float and not decimals:
                raise CalculatorError(f"only whole numbers are allowed, found {text}")
            if literals is not None:
                literals.append(node.value)
            return _bounded(Fraction(text))  # from the text: 0.1 is exactly a tenth, not the nearest float
        if isinstance(node, ast.BinOp) and type(node.op) in allowed:
            symbol = allowed[type(node.op)]
            left, right = walk(node.left, depth + 1), walk(node.right, depth + 1)
            if symbol == "**":
                return _bounded(_power(left, right))
            if symbol in ("/", "//", "%") and right == 0:
                raise CalculatorError("division by zero")
            return _bounded(Fraction(OPERATORS[symbol][1](left, right)))
        if unary and isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = walk(node.operand, depth + 1)
            return -value if isinstance(node.op, ast.USub) else value
        what = {ast.BinOp: "operator", ast.UnaryOp: "unary operator"}.get(type(node), "construct")
        raise CalculatorError(f"{what} {type(getattr(node, 'op', node)).__name__} is not allowed; allowed: "
                              f"{' '.join(operators)}{' and unary -' if unary else ''}")

    try:
        return walk(tree, 0)
    except RecursionError:
        raise CalculatorError(f"the expression nests deeper than {max_depth} levels") from None


def show(value: Fraction) -> str:
    """A value as the calculator prints it: a whole number exactly, anything else as a decimal (12 digits)."""
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.12g}"
