"""Independent reference values for the campaign uplift tests (dev.rfm.analytics.campaign.*Test).

Run:  python3 campaign_reference.py   (NumPy 2.4, SciPy 1.17 were used)

Newcombe's method 10 written out from the paper (Wilson intervals via the closed form, z from scipy's normal
quantile), and Welch's interval from scipy.stats.ttest_ind(equal_var=False), a different implementation from the
Java code's (Hipparchus' t quantile, decimal sums).
"""
from math import sqrt

import numpy as np
from scipy import stats

z = stats.norm.ppf(0.975)


def wilson(x, n):
    p = x / n
    c, h, d = 2 * n * p + z * z, z * sqrt(z * z + 4 * n * p * (1 - p)), 2 * (n + z * z)
    return (c - h) / d, (c + h) / d


# Newcombe (1998) Table II, examples (a)-(h): published method-10 limits to 4 decimals
for x1, n1, x2, n2 in [(56, 70, 48, 80), (9, 10, 3, 10), (6, 7, 2, 7), (5, 56, 0, 29),
                       (0, 10, 0, 20), (0, 10, 0, 10), (10, 10, 0, 20), (10, 10, 0, 10)]:
    p1, p2 = x1 / n1, x2 / n2
    (l1, u1), (l2, u2) = wilson(x1, n1), wilson(x2, n2)
    d = p1 - p2
    print(f"{x1}/{n1} - {x2}/{n2}: d={d:.6f} wilson1=({l1:.6f}, {u1:.6f}) wilson2=({l2:.6f}, {u2:.6f})"
          f" L={d - sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2):.6f} U={d + sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2):.6f}")

# Welch on a small sample
a, b = np.array([0, 10, 20, 30.]), np.array([0, 0, 10.])
va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
print(f"welch: d={a.mean() - b.mean():.10f} se={sqrt(va + vb):.10f} df={df:.10f}"
      f" t={stats.t.ppf(0.975, df):.10f} ci=({ci.low:.10f}, {ci.high:.10f})")

# The control-group split (ControlGroupSplit), written again from its Javadoc: FNV-1a 64 of the id's UTF-8 bytes,
# xor SplitMix64(seed + golden gamma), SplitMix64 again, top 53 bits / 2^53 < share
M = (1 << 64) - 1


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
    return z ^ (z >> 31)


def is_control(seed, share, customer_id):
    h = 0xcbf29ce484222325
    for b in customer_id.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & M
    u = (mix64(h ^ mix64((seed + 0x9e3779b97f4a7c15) & M)) >> 11) / 2.0 ** 53
    return u < share


print("split seed 42, share 0.5, C-1..C-8:", [is_control(42, 0.5, f"C-{i}") for i in range(1, 9)])

# CampaignMeasurementTest's hand-made campaign: per-customer net revenue in the window (zeros included)
treatment = np.array([70, 0, 0, -25, 0, 0, 12.3456])  # C1..C7: 4 buyers of 7
control = np.array([30, 0, 15.])  # C8..C10: 2 buyers of 3
p1, p2 = 4 / 7, 2 / 3
(l1, u1), (l2, u2) = wilson(4, 7), wilson(2, 3)
d = p1 - p2
print(f"measured repurchase: d={d:.6f} L={d - sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2):.6f}"
      f" U={d + sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2):.6f}")
ci = stats.ttest_ind(treatment, control, equal_var=False).confidence_interval(0.95)
print(f"measured revenue: d={treatment.mean() - control.mean():.6f} ci=({ci.low:.6f}, {ci.high:.6f})")
print("split seed 42, share 0.5, control of C1..C10:", [f"C{i}" for i in range(1, 11) if is_control(42, 0.5, f"C{i}")])
