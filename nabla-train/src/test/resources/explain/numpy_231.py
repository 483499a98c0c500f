# Independent NumPy reference for ExplainerNumpyTest: a 2-3-1 MLP, hand-written forward and backward.
# Run: python3 numpy_231.py   (numpy 2.x, float64). The printed reprs are pasted into the test.
import numpy as np
W1 = np.array([[0.1, -0.2], [0.4, 0.3], [-0.5, 0.6]]); b1 = np.array([0.05, -0.1, 0.2])
W2 = np.array([[0.7, -0.8, 0.9]]); b2 = np.array([0.1])
lr = 0.1

def act(name, z):
    return {"sigmoid": 1 / (1 + np.exp(-z)), "tanh": np.tanh(z)}[name]

def dact(name, a):
    return {"sigmoid": a * (1 - a), "tanh": 1 - a * a}[name]

def run(name, loss, X, Y):
    z1 = X @ W1.T + b1; a1 = act(name, z1); z2 = a1 @ W2.T + b2
    if loss == "mse":
        out = z2; L = np.mean((out - Y) ** 2); dout = 2 * (out - Y) / out.size; dz2 = dout
    else:  # bce on sigmoid(z2)
        out = 1 / (1 + np.exp(-z2)); L = np.mean(-(Y * np.log(out) + (1 - Y) * np.log(1 - out)))
        dout = (-(Y / out) + (1 - Y) / (1 - out)) / out.size; dz2 = dout * out * (1 - out)
    dW2 = dz2.T @ a1; db2 = dz2.sum(0); da1 = dz2 @ W2; dz1 = da1 * dact(name, a1)
    dW1 = dz1.T @ X; db1 = dz1.sum(0)
    nW1, nb1, nW2, nb2 = W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
    z1n = X @ nW1.T + nb1; z2n = act(name, z1n) @ nW2.T + nb2
    Ln = np.mean((z2n - Y) ** 2) if loss == "mse" else (lambda p: np.mean(-(Y * np.log(p) + (1 - Y) * np.log(1 - p))))(1 / (1 + np.exp(-z2n)))
    for k, v in [("z1", z1), ("a1", a1), ("out", out), ("L", L), ("dW1", dW1), ("db1", db1), ("dW2", dW2), ("db2", db2),
                 ("newW1", nW1), ("L_after", Ln)]:
        print(k, repr(np.ravel(v).tolist()))

print("# sigmoid, mse, batch X=[[0.5,1.0],[-1.5,2.0]], Y=[[1.0],[-0.5]]")
run("sigmoid", "mse", np.array([[0.5, 1.0], [-1.5, 2.0]]), np.array([[1.0], [-0.5]]))
print("# tanh, bce, X=[[0.5,1.0]], Y=[[1.0]]")
run("tanh", "bce", np.array([[0.5, 1.0]]), np.array([[1.0]]))
