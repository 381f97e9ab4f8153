# The optional native allocator (worker-pool/kernels/memory/): built by `npm ci` through
# worker-pool/kernels/memory/native/build.mjs; the project runs without it.
{
  "targets": [
    {
      "target_name": "vrs_memory",
      "sources": ["worker-pool/kernels/memory/native/huge-pages.cc"],
      "cflags_cc": ["-O2"],
    }
  ]
}
