"""import pycuda.autoinit: a context on device 0 (CuPy makes it on first use)."""
import cupy

cupy.cuda.Device(0).use()
