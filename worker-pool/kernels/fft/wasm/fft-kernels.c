/*
 * Stockham passes of the batched split-complex FFT (see ../plan1d.ts and ../batch-ts.ts for
 * the formulation): element j of line l at re[j*L + l]. The innermost loop runs over the L
 * lines with unit stride, so clang vectorises it with wasm SIMD (4 lines per instruction).
 * No libc, no allocation: the caller (wasm-engine.ts) owns the memory layout.
 * Build: ./build.sh (clang --target=wasm32 -O3 -msimd128).
 */
#define R __restrict

void radix2(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, const float *R twr, const float *R twi, float sign) {
  int m = n >> 1;
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      float wr = twr[k], wi = sign * twi[k];
      const float *R s0r = sr + t * L, *R s0i = si + t * L;
      const float *R s1r = sr + (t + m) * L, *R s1i = si + (t + m) * L;
      float *R d0r = dr + (b * ns * 2 + k) * L, *R d0i = di + (b * ns * 2 + k) * L;
      float *R d1r = d0r + ns * L, *R d1i = d0i + ns * L;
      for (int l = 0; l < L; l++) {
        float ar = s0r[l], ai = s0i[l];
        float xr = s1r[l], xi = s1i[l];
        float br = xr * wr - xi * wi, bi = xr * wi + xi * wr;
        d0r[l] = ar + br; d0i[l] = ai + bi;
        d1r[l] = ar - br; d1i[l] = ai - bi;
      }
    }
  }
}

void radix3(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, const float *R twr, const float *R twi, float sign) {
  int m = n / 3;
  float h = sign * 0.86602540378443864676f;
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      float w1r = twr[2 * k], w1i = sign * twi[2 * k], w2r = twr[2 * k + 1], w2i = sign * twi[2 * k + 1];
      const float *R s0r = sr + t * L, *R s0i = si + t * L;
      const float *R s1r = sr + (t + m) * L, *R s1i = si + (t + m) * L;
      const float *R s2r = sr + (t + 2 * m) * L, *R s2i = si + (t + 2 * m) * L;
      float *R d0r = dr + (b * ns * 3 + k) * L, *R d0i = di + (b * ns * 3 + k) * L;
      float *R d1r = d0r + ns * L, *R d1i = d0i + ns * L;
      float *R d2r = d1r + ns * L, *R d2i = d1i + ns * L;
      for (int l = 0; l < L; l++) {
        float a0r = s0r[l], a0i = s0i[l];
        float x1r = s1r[l], x1i = s1i[l], x2r = s2r[l], x2i = s2i[l];
        float a1r = x1r * w1r - x1i * w1i, a1i = x1r * w1i + x1i * w1r;
        float a2r = x2r * w2r - x2i * w2i, a2i = x2r * w2i + x2i * w2r;
        float t1r = a1r + a2r, t1i = a1i + a2i, t2r = a1r - a2r, t2i = a1i - a2i;
        float mr = a0r - 0.5f * t1r, mi = a0i - 0.5f * t1i;
        float nr = -h * t2i, ni = h * t2r;
        d0r[l] = a0r + t1r; d0i[l] = a0i + t1i;
        d1r[l] = mr + nr; d1i[l] = mi + ni;
        d2r[l] = mr - nr; d2i[l] = mi - ni;
      }
    }
  }
}

void radix4(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, const float *R twr, const float *R twi, float sign) {
  int m = n >> 2;
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      float w1r = twr[3 * k], w1i = sign * twi[3 * k];
      float w2r = twr[3 * k + 1], w2i = sign * twi[3 * k + 1];
      float w3r = twr[3 * k + 2], w3i = sign * twi[3 * k + 2];
      const float *R s0r = sr + t * L, *R s0i = si + t * L;
      const float *R s1r = sr + (t + m) * L, *R s1i = si + (t + m) * L;
      const float *R s2r = sr + (t + 2 * m) * L, *R s2i = si + (t + 2 * m) * L;
      const float *R s3r = sr + (t + 3 * m) * L, *R s3i = si + (t + 3 * m) * L;
      float *R d0r = dr + (b * ns * 4 + k) * L, *R d0i = di + (b * ns * 4 + k) * L;
      float *R d1r = d0r + ns * L, *R d1i = d0i + ns * L;
      float *R d2r = d1r + ns * L, *R d2i = d1i + ns * L;
      float *R d3r = d2r + ns * L, *R d3i = d2i + ns * L;
      for (int l = 0; l < L; l++) {
        float a0r = s0r[l], a0i = s0i[l];
        float x1r = s1r[l], x1i = s1i[l], x2r = s2r[l], x2i = s2i[l], x3r = s3r[l], x3i = s3i[l];
        float a1r = x1r * w1r - x1i * w1i, a1i = x1r * w1i + x1i * w1r;
        float a2r = x2r * w2r - x2i * w2i, a2i = x2r * w2i + x2i * w2r;
        float a3r = x3r * w3r - x3i * w3i, a3i = x3r * w3i + x3i * w3r;
        float t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
        float t2r = a1r + a3r, t2i = a1i + a3i;
        float t3r = -sign * (a1i - a3i), t3i = sign * (a1r - a3r);
        d0r[l] = t0r + t2r; d0i[l] = t0i + t2i;
        d1r[l] = t1r + t3r; d1i[l] = t1i + t3i;
        d2r[l] = t0r - t2r; d2i[l] = t0i - t2i;
        d3r[l] = t1r - t3r; d3i[l] = t1i - t3i;
      }
    }
  }
}

void radix5(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, const float *R twr, const float *R twi, float sign) {
  const float C1 = 0.30901699437494742410f, C2 = -0.80901699437494742410f;
  const float s1 = sign * 0.95105651629515357212f, s2 = sign * 0.58778525229247312917f;
  int m = n / 5;
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      const float *R w = twr + 4 * k, *R v = twi + 4 * k;
      float w1r = w[0], w1i = sign * v[0], w2r = w[1], w2i = sign * v[1];
      float w3r = w[2], w3i = sign * v[2], w4r = w[3], w4i = sign * v[3];
      const float *R s0r = sr + t * L, *R s0i = si + t * L;
      const float *R s1r = sr + (t + m) * L, *R s1i = si + (t + m) * L;
      const float *R s2r = sr + (t + 2 * m) * L, *R s2i = si + (t + 2 * m) * L;
      const float *R s3r = sr + (t + 3 * m) * L, *R s3i = si + (t + 3 * m) * L;
      const float *R s4r = sr + (t + 4 * m) * L, *R s4i = si + (t + 4 * m) * L;
      float *R d0r = dr + (b * ns * 5 + k) * L, *R d0i = di + (b * ns * 5 + k) * L;
      float *R d1r = d0r + ns * L, *R d1i = d0i + ns * L;
      float *R d2r = d1r + ns * L, *R d2i = d1i + ns * L;
      float *R d3r = d2r + ns * L, *R d3i = d2i + ns * L;
      float *R d4r = d3r + ns * L, *R d4i = d3i + ns * L;
      for (int l = 0; l < L; l++) {
        float a0r = s0r[l], a0i = s0i[l];
        float xr = s1r[l], xi = s1i[l];
        float a1r = xr * w1r - xi * w1i, a1i = xr * w1i + xi * w1r;
        xr = s2r[l]; xi = s2i[l];
        float a2r = xr * w2r - xi * w2i, a2i = xr * w2i + xi * w2r;
        xr = s3r[l]; xi = s3i[l];
        float a3r = xr * w3r - xi * w3i, a3i = xr * w3i + xi * w3r;
        xr = s4r[l]; xi = s4i[l];
        float a4r = xr * w4r - xi * w4i, a4i = xr * w4i + xi * w4r;
        float t1r = a1r + a4r, t1i = a1i + a4i, t2r = a2r + a3r, t2i = a2i + a3i;
        float t3r = a1r - a4r, t3i = a1i - a4i, t4r = a2r - a3r, t4i = a2i - a3i;
        float m1r = a0r + C1 * t1r + C2 * t2r, m1i = a0i + C1 * t1i + C2 * t2i;
        float m2r = a0r + C2 * t1r + C1 * t2r, m2i = a0i + C2 * t1i + C1 * t2i;
        float u1r = s1 * t3r + s2 * t4r, u1i = s1 * t3i + s2 * t4i;
        float u2r = s2 * t3r - s1 * t4r, u2i = s2 * t3i - s1 * t4i;
        d0r[l] = a0r + t1r + t2r; d0i[l] = a0i + t1i + t2i;
        d1r[l] = m1r - u1i; d1i[l] = m1i + u1r;
        d4r[l] = m1r + u1i; d4i[l] = m1i - u1r;
        d2r[l] = m2r - u2i; d2i[l] = m2i + u2r;
        d3r[l] = m2r + u2i; d3i[l] = m2i - u2r;
      }
    }
  }
}

/* Odd prime radix p ≤ 13: O(p²) per butterfly. cr/ci: cos/sin(2π j/p), j < p (sign applied here). */
void radixg(const float *R sr, const float *R si, float *R dr, float *R di,
            int n, int ns, int L, int p, const float *R twr, const float *R twi,
            const float *R cr, const float *R ci, float sign) {
  int m = n / p;
  float ar[16], ai[16];
  for (int b = 0; b < m / ns; b++) {
    for (int k = 0; k < ns; k++) {
      int t = b * ns + k;
      int o0 = (b * ns * p + k) * L;
      for (int l = 0; l < L; l++) {
        ar[0] = sr[t * L + l]; ai[0] = si[t * L + l];
        for (int r = 1; r < p; r++) {
          float xr = sr[(t + r * m) * L + l], xi = si[(t + r * m) * L + l];
          float wr = twr[k * (p - 1) + r - 1], wi = sign * twi[k * (p - 1) + r - 1];
          ar[r] = xr * wr - xi * wi; ai[r] = xr * wi + xi * wr;
        }
        for (int q = 0; q < p; q++) {
          float s_r = 0, s_i = 0;
          for (int r = 0, j = 0; r < p; r++, j = (j + q) % p) {
            float c = cr[j], s = sign * ci[j];
            s_r += ar[r] * c - ai[r] * s;
            s_i += ar[r] * s + ai[r] * c;
          }
          dr[o0 + q * ns * L + l] = s_r; di[o0 + q * ns * L + l] = s_i;
        }
      }
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
