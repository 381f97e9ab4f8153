/**
 * Words of 0.g Local occupancy (LocOccupancy). The median warning is a reconstruction (the
 * example report does not show it firing).
 */

export const LOCAL_OCCUPANCY_TITLE = '0.g Local Occupancy';

export const LOCAL_OCCUPANCY_EXPLANATION =
  'LocOccupancy (Kaur et al. 2021, Nat Commun) estimates the occupancy of a voxel by the macromolecule.';
export const LOCAL_OCCUPANCY_CRITERIA = 'The validation is OK if the median occupancy is larger than 50%.';
export const localOccupancyWarnings = {
  occupancyMedian: 'The median occupancy is smaller than 50%',
};
