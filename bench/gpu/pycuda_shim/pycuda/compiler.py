"""pycuda.compiler.SourceModule on CuPy's RawModule (NVRTC), with PyCUDA's extern "C" wrapping."""
import cupy as cp

from .driver import DeviceAllocation


class Function:
    def __init__(self, kernel):
        self.kernel = kernel

    def __call__(self, *args, block=(1, 1, 1), grid=(1, 1), shared=0, stream=None, **_):
        grid = tuple(grid) + (1,) * (3 - len(grid))
        block = tuple(block) + (1,) * (3 - len(block))
        args = tuple(a.array if isinstance(a, DeviceAllocation) else a for a in args)
        self.kernel(grid, block, args, shared_mem=shared)


class SourceModule:
    def __init__(self, source, options=None, no_extern_c=False, **_):
        code = source if no_extern_c else 'extern "C" {\n' + source + "\n}\n"
        self.module = cp.RawModule(code=code, options=tuple(options or ()))

    def get_function(self, name):
        return Function(self.module.get_function(name))
