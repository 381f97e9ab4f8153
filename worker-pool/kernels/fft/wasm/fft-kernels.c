/*
 * Stockham passes of the batched split-complex FFT (see ../plan1d.ts and ../batch-ts.ts for
 * the formulation): element j of line l at re[j*L + l]. The innermost loop runs over the L
 * lines with unit stride, so clang vectorises it with wasm SIMD (4 lines per instruction).
 * No libc, no allocation: the caller (wasm-engine.ts) owns the memory layout.
 * Build: ./build.sh (clang --target=wasm32 -O3 -msimd128).
 */
#define R __restrict

/* Lines are processed in blocks by the caller: L lines at stride S (element j of line l at
   j*S + l), so one block's working set stays in L2 across all stages.
   The butterflies are written once as macros and expanded for 4-line vectors (explicit SIMD:
   clang does not vectorise the radix-4/5 loops by itself) and for the scalar tail. */
typedef float v4 __attribute__((vector_size(16), aligned(4)));
#define LDV(p, l) (*(const v4 *)((p) + (l)))
#define STV(p, l, v) (*(v4 *)((p) + (l)) = (v))
#define LDS(p, l) ((p)[l])
#define STS(p, l, v) ((p)[l] = (v))

#define TWM(T, ar, ai, xr, xi, wr, wi) T ar = xr * wr - xi * wi, ai = xr * wi + xi * wr;
#define TW1(T, ar, ai, xr, xi, wr, wi) T ar = xr, ai = xi;

#define LINES(BODY)                                  \
  {                                                  \
    int l = 0;                                       \
    for (; l + 4 <= L; l += 4) BODY(v4, LDV, STV)    \
    for (; l < L; l++) BODY(float, LDS, STS)         \
  }

#define BF2(T, LD, ST) {                                                  \
    T ar = LD(s0r, l), ai = LD(s0i, l), xr = LD(s1r, l), xi = LD(s1i, l); \
    T br = xr * wr - xi * wi, bi = xr * wi + xi * wr;                     \
    ST(d0r, l, ar + br); ST(d0i, l, ai + bi);                             \
    ST(d1r, l, ar - br); ST(d1i, l, ai - bi); }

void radix2(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, int S, const float *R twr, const float *R twi, float sign) {
  int m = n >> 1;
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      float wr = twr[k], wi = sign * twi[k];
      const float *s0r = sr + t * S, *s0i = si + t * S;
      const float *s1r = sr + (t + m) * S, *s1i = si + (t + m) * S;
      float *d0r = dr + (b * ns * 2 + k) * S, *d0i = di + (b * ns * 2 + k) * S;
      float *d1r = d0r + ns * S, *d1i = d0i + ns * S;
      LINES(BF2)
    }
  }
}

#define BF3(T, LD, ST) {                                                               \
    T a0r = LD(s0r, l), a0i = LD(s0i, l);                                              \
    T x1r = LD(s1r, l), x1i = LD(s1i, l), x2r = LD(s2r, l), x2i = LD(s2i, l);          \
    T a1r = x1r * w1r - x1i * w1i, a1i = x1r * w1i + x1i * w1r;                        \
    T a2r = x2r * w2r - x2i * w2i, a2i = x2r * w2i + x2i * w2r;                        \
    T t1r = a1r + a2r, t1i = a1i + a2i, t2r = a1r - a2r, t2i = a1i - a2i;              \
    T mr = a0r - 0.5f * t1r, mi = a0i - 0.5f * t1i;                                    \
    T nr = -h * t2i, ni = h * t2r;                                                     \
    ST(d0r, l, a0r + t1r); ST(d0i, l, a0i + t1i);                                      \
    ST(d1r, l, mr + nr); ST(d1i, l, mi + ni);                                          \
    ST(d2r, l, mr - nr); ST(d2i, l, mi - ni); }

void radix3(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, int S, const float *R twr, const float *R twi, float sign) {
  int m = n / 3;
  float h = sign * 0.86602540378443864676f;
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      float w1r = twr[2 * k], w1i = sign * twi[2 * k], w2r = twr[2 * k + 1], w2i = sign * twi[2 * k + 1];
      const float *s0r = sr + t * S, *s0i = si + t * S;
      const float *s1r = sr + (t + m) * S, *s1i = si + (t + m) * S;
      const float *s2r = sr + (t + 2 * m) * S, *s2i = si + (t + 2 * m) * S;
      float *d0r = dr + (b * ns * 3 + k) * S, *d0i = di + (b * ns * 3 + k) * S;
      float *d1r = d0r + ns * S, *d1i = d0i + ns * S;
      float *d2r = d1r + ns * S, *d2i = d1i + ns * S;
      LINES(BF3)
    }
  }
}

#define BF4_(T, LD, ST, CM) {                                                               \
    T a0r = LD(s0r, l), a0i = LD(s0i, l);                                              \
    T x1r = LD(s1r, l), x1i = LD(s1i, l), x2r = LD(s2r, l), x2i = LD(s2i, l);          \
    T x3r = LD(s3r, l), x3i = LD(s3i, l);                                              \
    CM(T, a1r, a1i, x1r, x1i, w1r, w1i)                                                \
    CM(T, a2r, a2i, x2r, x2i, w2r, w2i)                                                \
    CM(T, a3r, a3i, x3r, x3i, w3r, w3i)                                                \
    T t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;              \
    T t2r = a1r + a3r, t2i = a1i + a3i;                                                \
    T t3r = (a3i - a1i) * sign, t3i = (a1r - a3r) * sign;                              \
    ST(d0r, l, t0r + t2r); ST(d0i, l, t0i + t2i);                                      \
    ST(d1r, l, t1r + t3r); ST(d1i, l, t1i + t3i);                                      \
    ST(d2r, l, t0r - t2r); ST(d2i, l, t0i - t2i);                                      \
    ST(d3r, l, t1r - t3r); ST(d3i, l, t1i - t3i); }

#define BF4(T, LD, ST) BF4_(T, LD, ST, TWM)
#define BF4N(T, LD, ST) BF4_(T, LD, ST, TW1)

void radix4(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, int S, const float *R twr, const float *R twi, float sign) {
  int m = n >> 2;
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      float w1r = twr[3 * k], w1i = sign * twi[3 * k];
      float w2r = twr[3 * k + 1], w2i = sign * twi[3 * k + 1];
      float w3r = twr[3 * k + 2], w3i = sign * twi[3 * k + 2];
      const float *s0r = sr + t * S, *s0i = si + t * S;
      const float *s1r = sr + (t + m) * S, *s1i = si + (t + m) * S;
      const float *s2r = sr + (t + 2 * m) * S, *s2i = si + (t + 2 * m) * S;
      const float *s3r = sr + (t + 3 * m) * S, *s3i = si + (t + 3 * m) * S;
      float *d0r = dr + (b * ns * 4 + k) * S, *d0i = di + (b * ns * 4 + k) * S;
      float *d1r = d0r + ns * S, *d1i = d0i + ns * S;
      float *d2r = d1r + ns * S, *d2i = d1i + ns * S;
      float *d3r = d2r + ns * S, *d3i = d2i + ns * S;
      if (k == 0) LINES(BF4N) else LINES(BF4)
    }
  }
}

#define BF5(T, LD, ST) {                                                               \
    T a0r = LD(s0r, l), a0i = LD(s0i, l);                                              \
    T xr = LD(s1r, l), xi = LD(s1i, l);                                                \
    T a1r = xr * w1r - xi * w1i, a1i = xr * w1i + xi * w1r;                            \
    xr = LD(s2r, l); xi = LD(s2i, l);                                                  \
    T a2r = xr * w2r - xi * w2i, a2i = xr * w2i + xi * w2r;                            \
    xr = LD(s3r, l); xi = LD(s3i, l);                                                  \
    T a3r = xr * w3r - xi * w3i, a3i = xr * w3i + xi * w3r;                            \
    xr = LD(s4r, l); xi = LD(s4i, l);                                                  \
    T a4r = xr * w4r - xi * w4i, a4i = xr * w4i + xi * w4r;                            \
    T t1r = a1r + a4r, t1i = a1i + a4i, t2r = a2r + a3r, t2i = a2i + a3i;              \
    T t3r = a1r - a4r, t3i = a1i - a4i, t4r = a2r - a3r, t4i = a2i - a3i;              \
    T m1r = a0r + C1 * t1r + C2 * t2r, m1i = a0i + C1 * t1i + C2 * t2i;                \
    T m2r = a0r + C2 * t1r + C1 * t2r, m2i = a0i + C2 * t1i + C1 * t2i;                \
    T u1r = s1 * t3r + s2 * t4r, u1i = s1 * t3i + s2 * t4i;                            \
    T u2r = s2 * t3r - s1 * t4r, u2i = s2 * t3i - s1 * t4i;                            \
    ST(d0r, l, a0r + t1r + t2r); ST(d0i, l, a0i + t1i + t2i);                          \
    ST(d1r, l, m1r - u1i); ST(d1i, l, m1i + u1r);                                      \
    ST(d4r, l, m1r + u1i); ST(d4i, l, m1i - u1r);                                      \
    ST(d2r, l, m2r - u2i); ST(d2i, l, m2i + u2r);                                      \
    ST(d3r, l, m2r + u2i); ST(d3i, l, m2i - u2r); }

void radix5(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, int S, const float *R twr, const float *R twi, float sign) {
  const float C1 = 0.30901699437494742410f, C2 = -0.80901699437494742410f;
  const float s1 = sign * 0.95105651629515357212f, s2 = sign * 0.58778525229247312917f;
  int m = n / 5;
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      const float *w = twr + 4 * k, *v = twi + 4 * k;
      float w1r = w[0], w1i = sign * v[0], w2r = w[1], w2i = sign * v[1];
      float w3r = w[2], w3i = sign * v[2], w4r = w[3], w4i = sign * v[3];
      const float *s0r = sr + t * S, *s0i = si + t * S;
      const float *s1r = sr + (t + m) * S, *s1i = si + (t + m) * S;
      const float *s2r = sr + (t + 2 * m) * S, *s2i = si + (t + 2 * m) * S;
      const float *s3r = sr + (t + 3 * m) * S, *s3i = si + (t + 3 * m) * S;
      const float *s4r = sr + (t + 4 * m) * S, *s4i = si + (t + 4 * m) * S;
      float *d0r = dr + (b * ns * 5 + k) * S, *d0i = di + (b * ns * 5 + k) * S;
      float *d1r = d0r + ns * S, *d1i = d0i + ns * S;
      float *d2r = d1r + ns * S, *d2i = d1i + ns * S;
      float *d3r = d2r + ns * S, *d3i = d2i + ns * S;
      float *d4r = d3r + ns * S, *d4i = d3i + ns * S;
      LINES(BF5)
    }
  }
}

/* Odd prime radix p ≤ 13: O(p²) per butterfly, vectorised over lines like the others.
   cr/ci: cos/sin(2π j/p), j < p (sign applied here). */
#define BFG(T, LD, ST) {                                                                  \
    T ar[13], ai[13];                                                                     \
    ar[0] = LD(sr + t * S, l); ai[0] = LD(si + t * S, l);                                 \
    for (int r = 1; r < p; r++) {                                                         \
      T xr = LD(sr + (t + r * m) * S, l), xi = LD(si + (t + r * m) * S, l);               \
      float wr = twr[k * (p - 1) + r - 1], wi = sign * twi[k * (p - 1) + r - 1];          \
      ar[r] = xr * wr - xi * wi; ai[r] = xr * wi + xi * wr;                               \
    }                                                                                     \
    for (int q = 0; q < p; q++) {                                                         \
      T s_r = ar[0], s_i = ai[0];                                                         \
      int j = 0;                                                                          \
      for (int r = 1; r < p; r++) {                                                       \
        j += q; if (j >= p) j -= p;                                                       \
        float c = cr[j], s = sign * ci[j];                                                \
        s_r += ar[r] * c - ai[r] * s; s_i += ar[r] * s + ai[r] * c;                       \
      }                                                                                   \
      ST(dr + o0 + q * ns * S, l, s_r); ST(di + o0 + q * ns * S, l, s_i);                 \
    } }

void radixg(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, int S, int p, const float *R twr, const float *R twi,
            const float *R cr, const float *R ci, float sign) {
  int m = n / p;
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      int o0 = (b * ns * p + k) * S;
      LINES(BFG)
    }
  }
}

/* Pointwise complex multiply of L-line data by a per-element factor: x[j*L+l] *= w[j]. */
void cmul_rows(float *R xr, float *R xi, int n, int L, const float *R wr, const float *R wi, float wsign) {
  for (int j = 0; j < n; j++) {
    float a = wr[j], c = wsign * wi[j];
    float *R pr = xr + j * L, *R pi = xi + j * L;
    for (int l = 0; l < L; l++) {
      float r = pr[l], i = pi[l];
      pr[l] = r * a - i * c; pi[l] = r * c + i * a;
    }
  }
}

/* Like cmul_rows but reading from (sr, si) and writing (dr, di). */
void cmul_rows_to(const float *R sr, const float *R si, float *R dr, float *R di, int n, int L,
                  const float *R wr, const float *R wi, float wsign) {
  for (int j = 0; j < n; j++) {
    float a = wr[j], c = wsign * wi[j];
    const float *R pr = sr + j * L, *R pi = si + j * L;
    float *R qr = dr + j * L, *R qi = di + j * L;
    for (int l = 0; l < L; l++) {
      float r = pr[l], i = pi[l];
      qr[l] = r * a - i * c; qi[l] = r * c + i * a;
    }
  }
}

/* ---- plane helpers: moving data between the 3D layout and the batched split layout ---- */

/* Rows (2l, 2l+1) of a real nx×ny plane → line l of length nx: xr/xi[x*L + l]. */
void gather_row_pairs(const float *R in, float *R xr, float *R xi, int nx, int ny, int L) {
  for (int l0 = 0; l0 < L; l0 += 8) {
    int l1 = l0 + 8 < L ? l0 + 8 : L;
    for (int x0 = 0; x0 < nx; x0 += 64) {
      int x1 = x0 + 64 < nx ? x0 + 64 : nx;
      for (int l = l0; l < l1; l++) {
        const float *R a = in + 2 * l * nx;
        if (2 * l + 1 < ny) {
          const float *R b = a + nx;
          for (int x = x0; x < x1; x++) { xr[x * L + l] = a[x]; xi[x * L + l] = b[x]; }
        } else {
          for (int x = x0; x < x1; x++) { xr[x * L + l] = a[x]; xi[x * L + l] = 0.0f; }
        }
      }
    }
  }
}

/* Inverse of gather_row_pairs, scaled: line l → rows 2l (real part) and 2l+1 (imaginary part). */
void scatter_row_pairs(const float *R xr, const float *R xi, float *R out, int nx, int ny, int L, float scale) {
  for (int l0 = 0; l0 < L; l0 += 8) {
    int l1 = l0 + 8 < L ? l0 + 8 : L;
    for (int x0 = 0; x0 < nx; x0 += 64) {
      int x1 = x0 + 64 < nx ? x0 + 64 : nx;
      for (int l = l0; l < l1; l++) {
        float *R a = out + 2 * l * nx;
        for (int x = x0; x < x1; x++) a[x] = xr[x * L + l] * scale;
        if (2 * l + 1 < ny) {
          float *R b = a + nx;
          for (int x = x0; x < x1; x++) b[x] = xi[x * L + l] * scale;
        }
      }
    }
  }
}

/* Z = FFT(a + i b) per line l → A (row 2l) and B (row 2l+1) of the [y][kx] plane p. */
void unpack_pairs(const float *R zr, const float *R zi, float *R pr, float *R pi, int nx, int ny, int L, int nkx) {
  for (int l0 = 0; l0 < L; l0 += 8) {
    int l1 = l0 + 8 < L ? l0 + 8 : L;
    for (int k0 = 0; k0 < nkx; k0 += 64) {
      int k1 = k0 + 64 < nkx ? k0 + 64 : nkx;
      for (int l = l0; l < l1; l++) {
        int rowA = 2 * l * nkx, rowB = rowA + nkx, hasB = 2 * l + 1 < ny;
        for (int k = k0; k < k1; k++) {
          int j = k == 0 ? 0 : nx - k;
          float ar = zr[k * L + l], ai = zi[k * L + l], cr = zr[j * L + l], ci = zi[j * L + l];
          pr[rowA + k] = 0.5f * (ar + cr);
          pi[rowA + k] = 0.5f * (ai - ci);
          if (hasB) { pr[rowB + k] = 0.5f * (ai + ci); pi[rowB + k] = -0.5f * (ar - cr); }
        }
      }
    }
  }
}

/* Inverse of unpack_pairs: Hermitian half rows A, B → full lines Z = A + i B (imaginary parts at
   kx = 0 and the even Nyquist are dropped, as c2r transforms do). */
void pack_pairs(const float *R pr, const float *R pi, float *R zr, float *R zi, int nx, int ny, int L, int nkx) {
  int nyq = (nx % 2 == 0) ? nx / 2 : -1;
  for (int l0 = 0; l0 < L; l0 += 8) {
    int l1 = l0 + 8 < L ? l0 + 8 : L;
    for (int k0 = 0; k0 < nkx; k0 += 64) {
      int k1 = k0 + 64 < nkx ? k0 + 64 : nkx;
      for (int l = l0; l < l1; l++) {
        int rowA = 2 * l * nkx, rowB = rowA + nkx, hasB = 2 * l + 1 < ny;
        for (int k = k0; k < k1; k++) {
          float ar = pr[rowA + k], ai = pi[rowA + k];
          float br = hasB ? pr[rowB + k] : 0.0f, bi = hasB ? pi[rowB + k] : 0.0f;
          if (k == 0 || k == nyq) { ai = 0.0f; bi = 0.0f; }
          zr[k * L + l] = ar - bi; zi[k * L + l] = ai + br;
          if (k != 0 && k != nyq) { int j = nx - k; zr[j * L + l] = ar + bi; zi[j * L + l] = br - ai; }
        }
      }
    }
  }
}

void deinterleave(const float *R in, float *R re, float *R im, int count) {
  for (int i = 0; i < count; i++) { re[i] = in[2 * i]; im[i] = in[2 * i + 1]; }
}

void interleave(const float *R re, const float *R im, float *R out, int count, float scale) {
  for (int i = 0; i < count; i++) { out[2 * i] = re[i] * scale; out[2 * i + 1] = im[i] * scale; }
}
