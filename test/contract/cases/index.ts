import type { CaseTable } from './case';
import { flux2Pro } from './flux2Pro';
import { imagen4Ultra } from './imagen4Ultra';
import { jsonInputTables } from './jsonInput';
import { nanoBananaPro, nanoBananaProFlash } from './nanoBanana';
import { seedreamV45 } from './seedreamV45';
import { zImage } from './zImage';

/** One table of good and bad requests per documented model. */
export const CASE_TABLES: CaseTable[] = [
	nanoBananaPro,
	nanoBananaProFlash,
	seedreamV45,
	zImage,
	imagen4Ultra,
	flux2Pro,
	...jsonInputTables,
];

export type { CaseTable, ContractCase } from './case';
