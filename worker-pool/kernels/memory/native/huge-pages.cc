// SharedArrayBuffers backed by transparent huge pages (Linux), for the project's big buffers.
//
// Why: on the VMs this project runs on, a fresh 4 KiB page costs a fault of ~11 µs, so first
// touching a 256 MB buffer costs ~0.9–1.1 CPU-s, often more than the work done in it (a 400³
// FFT's spectrum is 128.6 MB). With MADV_HUGEPAGE the kernel maps 2 MiB pages on the first
// touch: 512× fewer faults, 0.02–0.3 CPU-s per 256 MB measured. Transparent huge pages are
// usually in `madvise` mode (/sys/kernel/mm/transparent_hugepage/enabled), which V8's own
// allocator never asks for, and neither N-API nor JavaScript can wrap outside memory in a
// SharedArrayBuffer — V8's SharedArrayBuffer::NewBackingStore with a deleter can.
//
// allocate(bytes) → a zero-filled SharedArrayBuffer of exactly `bytes` bytes on an anonymous
// mapping aligned to 2 MiB and advised MADV_HUGEPAGE, or null when mmap fails (the caller falls
// back to `new SharedArrayBuffer`, which reports the error). The mapping is unmapped when the
// last isolate holding the buffer lets it go (V8 calls the deleter from any thread; munmap is
// thread-safe). Context-aware (NODE_MODULE_INIT): it loads in worker threads too.
#include <node.h>
#include <sys/mman.h>
#include <cstdint>

namespace {

constexpr size_t kHugePage = size_t{2} << 20;

// The mapping: `base` as mmap returned it, `length` bytes (the aligned buffer lies inside).
struct Mapping {
  void* base;
  size_t length;
};

void Unmap(void* /*data*/, size_t /*byte_length*/, void* deleter_data) {
  Mapping* m = static_cast<Mapping*>(deleter_data);
  munmap(m->base, m->length);
  delete m;
}

void Allocate(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  if (args.Length() < 1 || !args[0]->IsNumber()) {
    isolate->ThrowException(v8::Exception::TypeError(v8::String::NewFromUtf8Literal(isolate, "allocate(bytes): bytes must be a number")));
    return;
  }
  double requested = args[0].As<v8::Number>()->Value();
  if (!(requested >= 1) || requested > 9007199254740991.0 || requested != static_cast<double>(static_cast<size_t>(requested))) {
    isolate->ThrowException(v8::Exception::RangeError(v8::String::NewFromUtf8Literal(isolate, "allocate(bytes): bytes must be a positive integer")));
    return;
  }
  size_t bytes = static_cast<size_t>(requested);
  size_t rounded = (bytes + kHugePage - 1) & ~(kHugePage - 1);
  size_t length = rounded + kHugePage;  // room to align the start to a huge page
  void* base = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    args.GetReturnValue().SetNull();
    return;
  }
  void* data = reinterpret_cast<void*>((reinterpret_cast<uintptr_t>(base) + kHugePage - 1) & ~(uintptr_t{kHugePage} - 1));
  madvise(data, rounded, MADV_HUGEPAGE);  // advice only: without THP the pages stay 4 KiB
  std::unique_ptr<v8::BackingStore> store = v8::SharedArrayBuffer::NewBackingStore(data, bytes, Unmap, new Mapping{base, length});
  args.GetReturnValue().Set(v8::SharedArrayBuffer::New(isolate, std::move(store)));
}

}  // namespace

NODE_MODULE_INIT(/* exports, module, context */) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::Function> allocate = v8::FunctionTemplate::New(isolate, Allocate)->GetFunction(context).ToLocalChecked();
  exports->Set(context, v8::String::NewFromUtf8Literal(isolate, "allocate"), allocate).Check();
  exports->Set(context, v8::String::NewFromUtf8Literal(isolate, "hugePageBytes"), v8::Number::New(isolate, static_cast<double>(kHugePage))).Check();
}
