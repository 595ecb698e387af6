#!/usr/bin/env bash
# Everything the GPU machine runs, in one call of the device tool (bench/gpu/README.md):
#   carry: [".gpu"], timeout_s: 560, command: bash bench/gpu/device.sh
# 1. the exported mlp_pycuda.py (issue 17), written here by the bundle, on the GPU through a CuPy
#    stand-in for PyCUDA (bench/gpu/pycuda_shim): parameters after one epoch against the exported
#    numpy reference (run_sequential.py), then its epoch times at batch 128 and 512;
# 2. the webgpu backend on Dawn (bench/gpu/run.mjs, bundled as .gpu/run.mjs): the tile sweep,
#    equivalence, epochs, batch sweep (issue 18 §4).
# Results land in $OUT: pycuda.log, gpu.json, gpu.md, gpu.log, device.log.
set -o pipefail
OUT=${OUT:-/tmp/gpu-out}
G=.gpu
mkdir -p "$OUT"
{
  date -u
  nvidia-smi -L
  nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,memory.total --format=csv
  for f in $G/debs/*.deb; do dpkg -x "$f" /; done
  ldconfig
  tar -xJf $G/bundle.tar.xz -C $G || python3 -c "import tarfile; tarfile.open('$G/bundle.tar.xz').extractall('$G')" || exit 9

  echo "== 1. PyCUDA export (CuPy stand-in)"
  $G/node $G/run.mjs --write-export $G/export || echo "export: FAILED"
  P=$G/export D=$G/mnist S=bench/gpu/pycuda_shim
  (
    set -x
    python3 -c "import cupy, numpy; print('cupy', cupy.__version__, 'numpy', numpy.__version__)"
    timeout 120 python3 $P/run_sequential.py --data $D --samples 4096 --epochs 1 --seed 7 --batch-size 128 --learning-rate 0.1 --save /tmp/ref.f32
    PYTHONPATH=$S timeout 120 python3 $P/mlp_pycuda.py --data $D --samples 4096 --epochs 1 --seed 7 --batch-size 128 --learning-rate 0.1 --save /tmp/cuda.f32
    python3 -c "import numpy as np; a=np.fromfile('/tmp/ref.f32','<f4'); b=np.fromfile('/tmp/cuda.f32','<f4'); d=float(np.abs(a-b).max()); print(f'PYCUDA_CHECK max abs diff {d:.3e} over {a.size} parameters:', 'PASS' if d <= 1e-5 else 'FAIL')"
    for b in 128 512; do PYTHONPATH=$S timeout 120 python3 $P/mlp_pycuda.py --data $D --samples 60000 --epochs 4 --seed 7 --batch-size $b --learning-rate 0.1; done
  ) 2>&1 | tee "$OUT/pycuda.log"

  echo "== 2. webgpu on Dawn"
  I=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export XDG_RUNTIME_DIR=/tmp VK_DRIVER_FILES=$I VK_ICD_FILENAMES=$I
  LD_LIBRARY_PATH=/usr/local/nvidia/lib64:/usr/local/nvidia/lib timeout -k 10 ${GPU_TIMEOUT:-330} $G/node $G/run.mjs --out "$OUT" --budget ${GPU_BUDGET:-270} "$@"
  rc=$?
  if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then
    echo "== diagnostics (rc $rc)"
    ldconfig -p | grep -i vulkan
    ls -l /usr/local/nvidia/share/vulkan/icd.d /usr/share/vulkan/icd.d /etc/vulkan/icd.d
    cat $I
    ldd $G/node $G/webgpu/dist/linux-x64/dawn.node | grep -i 'not found'
    VK_LOADER_DEBUG=error,warn,driver LD_LIBRARY_PATH=/usr/local/nvidia/lib64:/usr/local/nvidia/lib timeout 60 $G/node $G/run.mjs --probe --out /tmp/probe 2>&1 | tail -60
  fi
  date -u
  exit $rc
} 2>&1 | tee "$OUT/device.log"
