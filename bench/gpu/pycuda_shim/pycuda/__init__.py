"""A stand-in for PyCUDA built on CuPy, only for checking an exported mlp_pycuda.py on a GPU machine
that has CuPy but not PyCUDA (bench/gpu/device.sh). It covers exactly the PyCUDA calls that script
makes: autoinit, driver.{mem_alloc, to_device, memcpy_htod, memcpy_dtoh, from_device, Event, Device},
compiler.SourceModule(...).get_function(name)(*args, block=, grid=). The kernels are the script's own
CUDA C, compiled by NVRTC (CuPy) instead of nvcc (PyCUDA), wrapped in extern "C" as PyCUDA wraps them.
Students install the real PyCUDA (pip install pycuda); nothing here is exported.
"""
