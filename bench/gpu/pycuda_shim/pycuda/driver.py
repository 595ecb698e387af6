"""pycuda.driver on CuPy: device memory, synchronous copies on the default stream, events, the device name."""
import cupy as cp
import numpy as np

_rt = cp.cuda.runtime


class DeviceAllocation:
    """Raw device bytes (a CuPy uint8 array underneath, kept alive by this object)."""

    def __init__(self, nbytes):
        self.array = cp.empty(max(1, int(nbytes)), dtype=cp.uint8)

    @property
    def ptr(self):
        return self.array.data.ptr

    def __int__(self):
        return self.ptr


def mem_alloc(nbytes):
    return DeviceAllocation(nbytes)


def memcpy_htod(dest, src):
    src = np.ascontiguousarray(src)
    _rt.memcpy(dest.ptr, src.ctypes.data, src.nbytes, _rt.memcpyHostToDevice)


def memcpy_dtoh(dest, src):
    _rt.memcpy(dest.ctypes.data, src.ptr, dest.nbytes, _rt.memcpyDeviceToHost)


def to_device(host):
    host = np.ascontiguousarray(host)
    d = DeviceAllocation(host.nbytes)
    memcpy_htod(d, host)
    return d


def from_device(src, shape, dtype, order="C"):
    out = np.empty(shape, dtype=dtype, order=order)
    memcpy_dtoh(out, src)
    return out


class Event:
    def __init__(self, flags=0):
        self.event = cp.cuda.Event()

    def record(self, stream=None):
        self.event.record()
        return self

    def synchronize(self):
        self.event.synchronize()
        return self

    def time_till(self, other):
        """ms from this event to `other`, as PyCUDA's Event.time_till."""
        return cp.cuda.get_elapsed_time(self.event, other.event)


class Device:
    def __init__(self, ordinal):
        self.ordinal = ordinal

    def name(self):
        n = _rt.getDeviceProperties(self.ordinal)["name"]
        return n.decode() if isinstance(n, bytes) else str(n)


class Context:
    @staticmethod
    def synchronize():
        cp.cuda.Device().synchronize()
