/**
 * East / central / west as MOFCOM groups provinces for ETDZ rankings (shared/domain/evaluation.md).
 * Keyed by the 2-digit GB/T 2260 province prefix. Passed around as data so a publication that splits 东北 can
 * supply its own table.
 */
export type Region = 'east' | 'central' | 'west';

export const DEFAULT_REGIONS: Readonly<Record<string, Region>> = {
  '11': 'east',
  '12': 'east',
  '13': 'east',
  '21': 'east',
  '31': 'east',
  '32': 'east',
  '33': 'east',
  '35': 'east',
  '37': 'east',
  '44': 'east',
  '46': 'east',
  '14': 'central',
  '22': 'central',
  '23': 'central',
  '34': 'central',
  '36': 'central',
  '41': 'central',
  '42': 'central',
  '43': 'central',
  '15': 'west',
  '45': 'west',
  '50': 'west',
  '51': 'west',
  '52': 'west',
  '53': 'west',
  '54': 'west',
  '61': 'west',
  '62': 'west',
  '63': 'west',
  '64': 'west',
  '65': 'west',
};

/** Region of a province code (`44` or `440000`); undefined for Hong Kong, Macao, Taiwan and unknown codes. */
export function regionOfProvince(code: string, table: Readonly<Record<string, Region>> = DEFAULT_REGIONS): Region | undefined {
  return table[code.slice(0, 2)];
}
