#!/usr/bin/env python3
"""Independent NumPy reference values pasted into Nabla's tests (nn, losses, optimizers).

Each optimizer below is written from the update rule in PyTorch's documentation
(https://pytorch.org/docs/stable/optim.html, the pseudo-code of SGD, Adam, AdamW, RMSprop), not from Nabla.
Run: python3 tools/reference_values.py
"""
import numpy as np
np.set_printoptions(precision=17)
r = lambda a: ", ".join(repr(float(v)) for v in np.ravel(a))

# Linear: y = x W^T + b and grads of L = sum(y**2)
x = np.array([[1., 2., 3.], [4., 5., 6.]]); W = np.array([[0.1, 0.2, 0.3], [-0.4, 0.5, -0.6]]); b = np.array([0.5, -0.5])
y = x @ W.T + b; gy = 2 * y
print("linear y", r(y)); print("linear dW", r(gy.T @ x)); print("linear db", r(gy.sum(0))); print("linear dx", r(gy @ W))

# losses
z = np.array([[1.0, 2.0, 0.5], [-1.0, 0.0, 3.0]]); lab = np.array([2, 0])
lse = np.log(np.exp(z - z.max(1, keepdims=True)).sum(1)) + z.max(1)
ce = (lse - z[np.arange(2), lab]).mean()
sm = np.exp(z - lse[:, None]); oh = np.eye(3)[lab]
print("ce", repr(ce)); print("ce dz", r((sm - oh) / 2))
p = np.array([0.2, 0.9, 0.6]); t = np.array([0., 1., 1.])
bce = -(t * np.log(p) + (1 - t) * np.log(1 - p)).mean()
print("bce", repr(bce)); print("bce dp", r((p - t) / (p * (1 - p)) / 3))
xl = np.array([-1.5, 0.3, 2.0]); tl = np.array([0., 1., 0.5])
sig = 1 / (1 + np.exp(-xl))
print("bcelogits", repr((-(tl * np.log(sig) + (1 - tl) * np.log(1 - sig))).mean())); print("bcelogits dx", r((sig - tl) / 3))
a = np.array([1.0, -2.0, 0.5]); c = np.array([0.5, 1.0, 2.0])
print("mse", repr(((a - c) ** 2).mean()), "sum", repr(((a - c) ** 2).sum()), "l1", repr(np.abs(a - c).mean()))
print("nll", repr(-(z[np.arange(2), lab]).mean()))

# optimizers: f(theta) = sum(w * (theta - c)**2), grad = 2 w (theta - c); 3 steps
th0 = np.array([1.0, -2.0, 3.0]); cc = np.array([0.5, 0.5, -1.0]); ww = np.array([1.0, 2.0, 0.5])
grad = lambda th: 2 * ww * (th - cc)

def sgd(lr, mom=0., damp=0., wd=0., nesterov=False):
    th = th0.copy(); buf = None
    for _ in range(3):
        g = grad(th) + wd * th
        if mom != 0:
            buf = g.copy() if buf is None else mom * buf + (1 - damp) * g
            g = g + mom * buf if nesterov else buf
        th = th - lr * g
    return th

def adam(lr, b1=0.9, b2=0.999, eps=1e-8, wd=0., decoupled=False):
    th = th0.copy(); m = np.zeros(3); v = np.zeros(3)
    for t in range(1, 4):
        g = grad(th)
        if decoupled: th = th * (1 - lr * wd)
        else: g = g + wd * th
        m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        th = th - lr * mh / (np.sqrt(vh) + eps)
    return th

def rmsprop(lr, alpha=0.99, eps=1e-8, wd=0., mom=0., centered=False):
    th = th0.copy(); v = np.zeros(3); ga = np.zeros(3); buf = np.zeros(3)
    for _ in range(3):
        g = grad(th) + wd * th
        v = alpha * v + (1 - alpha) * g * g; vt = v
        if centered: ga = alpha * ga + (1 - alpha) * g; vt = v - ga * ga
        if mom > 0: buf = mom * buf + g / (np.sqrt(vt) + eps); th = th - lr * buf
        else: th = th - lr * g / (np.sqrt(vt) + eps)
    return th

print("sgd plain", r(sgd(0.1)))
print("sgd momentum", r(sgd(0.1, mom=0.9)))
print("sgd nesterov wd", r(sgd(0.05, mom=0.9, wd=0.1, nesterov=True)))
print("sgd dampening", r(sgd(0.1, mom=0.5, damp=0.3)))
print("adam", r(adam(0.1)))
print("adam wd", r(adam(0.1, wd=0.1)))
print("adamw", r(adam(0.1, wd=0.1, decoupled=True)))
print("rmsprop", r(rmsprop(0.01)))
print("rmsprop centered momentum", r(rmsprop(0.01, mom=0.9, centered=True, wd=0.01)))
