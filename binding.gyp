# The optional native allocator (worker-pool/kernels/memory/): built by `npm ci` through
# worker-pool/kernels/memory/native/build.mjs; the project runs without it.
{
  "targets": [
    {
      "target_name": "vrs_memory",
      "sources": ["worker-pool/kernels/memory/native/huge-pages.cc"],
      "cflags_cc": ["-O2"],
      # never unloaded: Node dlcloses a worker thread's addons when the worker exits, while
      # buffers it allocated may live on in other threads, their deleter in this library
      "ldflags": ["-Wl,-z,nodelete"],
    }
  ]
}
