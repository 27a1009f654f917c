"""Independent reference values for the CLV model tests (dev.rfm.analytics.clv.*Test).

Run:  python3 clv_reference.py   (NumPy 2.4, SciPy 1.17 were used)

Written from the papers' formulas *without* the Euler transformation and log-space tricks of the
Java code, using scipy.special.hyp2f1 / gammaln / betaln, so that the Java implementation is
checked against a different computation of the same mathematics.
"""
import numpy as np
from scipy.special import hyp2f1, gammaln, betaln

# Hypergeometric 2F1 spot values
for a, b, c, z in [(1.0, 1.0, 2.0, 0.5), (0.6, -0.2, 2.3, 0.9), (0.9756, -0.207, 4.218, 0.5),
                   (2.5, 1.5, 30.0, 0.99), (-0.3, 0.4, 1.7, 0.0)]:
    print(f"2F1({a}, {b}; {c}; {z}) = {hyp2f1(a, b, c, z)!r}")

# BG/NBD at the published CDNOW estimates (weeks)
r, alpha, a, b = 0.243, 4.414, 0.793, 2.426


def ll(x, tx, T):
    # FHL 2005 eq. (6), directly
    A = np.exp(betaln(a, b + x) - betaln(a, b) + gammaln(r + x) - gammaln(r) + r * np.log(alpha)
               - (r + x) * np.log(alpha + T))
    B = 0.0 if x == 0 else np.exp(betaln(a + 1, b + x - 1) - betaln(a, b) + gammaln(r + x) - gammaln(r)
                                  + r * np.log(alpha) - (r + x) * np.log(alpha + tx))
    return np.log(A + B)


def p_alive(x, tx, T):
    return 1.0 if x == 0 else 1.0 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def cond(t, x, tx, T):
    # FHL 2005 eq. (10), directly (no Euler transformation)
    z = t / (alpha + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x)
                                       * hyp2f1(r + x, b + x, a + b + x - 1, z))
    return num * p_alive(x, tx, T)


def uncond(t):
    # FHL 2005 eq. (9)
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


for x, tx, T in [(0, 0.0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (7, 29.43, 35.14)]:
    print(f"x={x} tx={tx} T={T}: lnL={ll(x, tx, T)!r} P(alive)={p_alive(x, tx, T)!r} "
          f"E[Y(39)]={cond(39.0, x, tx, T)!r}")
for t in [1, 3, 32, 78]:
    print(f"E[X({t})] = {uncond(t)!r}")

# Predicted CLV as lifetimes' _customer_lifetime_value, with the product's choices:
# annual rate -> monthly (1+annual)^(1/12)-1, month = 30 days = 30/7 weeks, margin multiplies.
p, q, gamma = 6.25, 3.74, 15.44
margin, annual, months = 0.3, 0.10, 12
d = (1 + annual) ** (1 / 12) - 1
for x, tx, T, mx in [(2, 30.43, 38.86, 22.35), (0, 0.0, 38.86, 0.0)]:
    value = p * (gamma + x * mx) / (p * x + q - 1)
    clv = 0.0
    m = 30 / 7
    for i in range(1, months + 1):
        clv += value * (cond(i * m, x, tx, T) - cond((i - 1) * m, x, tx, T)) / (1 + d) ** i
    print(f"x={x} tx={tx} T={T} m_x={mx}: E[value]={value!r} CLV(margin {margin}, {annual} p.a., {months} months)"
          f"={margin * clv!r}")

# Degenerate fits (a, b in the hundreds/thousands) make the Euler-transformed series overflow
# unless it is summed on a log scale. Reference with mpmath at 50 digits, untransformed eq. (10)
# "if alive" part.
import mpmath as mp
mp.mp.dps = 50
aa, ab, ar, ax, aT, at = mp.mpf('846.6'), mp.mpf('64980.5'), mp.mpf('0.5'), 3, mp.mpf(10), mp.mpf(64)
alph = mp.mpf(20)
zz = at / (alph + aT + at)
ifalive = (aa + ab + ax - 1) / (aa - 1) * (1 - ((alph + aT) / (alph + aT + at)) ** (ar + ax)
                                            * mp.hyp2f1(ar + ax, ab + ax, aa + ab + ax - 1, zz))
print(f"large a: r=0.5 alpha=20 a=846.6 b=64980.5 x=3 T=10 t=64: E[Y|alive]={mp.nstr(ifalive, 17)}")
