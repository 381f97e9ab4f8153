/** Words of 1.h Directional FSC (3DFSC-like). */

export const DIRECTIONAL_FSC_TITLE = '1.h Directional resolution (3DFSC)';

export const DIRECTIONAL_FSC_EXPLANATION =
  '3DFSC (Tan et al. 2017, Nat. Methods) measures the FSC between the half maps in cones of Fourier space around many ' +
  'directions: a map reconstructed from a preferred orientation resolves some directions worse than others. Each ' +
  'direction gets the resolution where its cone FSC falls below 0.143; their spread and the sphericity of the surface ' +
  'the 0.5 crossings draw in Fourier space (1 for an isotropic map) measure the anisotropy.';
export const DIRECTIONAL_FSC_CRITERIA =
  'The validation is OK if the user provided resolution is not smaller than 0.8 times the global resolution (FSC 0.143) ' +
  'measured by 3DFSC, and the directional resolution can be computed.';
export const directionalFscWarnings = {
  resolution: (resolution: number, global: number) =>
    `The reported resolution, ${resolution.toFixed(2)} Å, is significantly smaller than the global resolution estimated ` +
    `by 3DFSC, ${global.toFixed(2)} Å (it should be at least 0.8 times it).`,
  notComputed: (why: string) => `The directional resolution could not be computed: ${why}`,
};
export const DIRECTIONAL_NO_GLOBAL = 'the global FSC does not fall below 0.143 up to Nyquist.';
export const DIRECTIONAL_UNCROSSED = (n: number) => `the FSC of ${n} directions does not fall below 0.143 up to Nyquist.`;
