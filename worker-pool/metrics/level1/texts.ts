/** Words shared by the Level 1 sections. */

export const LEVEL1_CHAPTER_TITLE = 'Level 1 analysis';

export const LEVEL1_NO_RESOLUTION_NOTICE =
  'The user did not report a resolution: the Level 1 criteria, which compare it with the half-map estimates, were not checked.';
