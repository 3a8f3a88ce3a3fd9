// @ts-check
'use strict';

/** @param {number} value @param {number} [digits] decimals kept */
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** @param {number} kB @returns {number} MiB with one decimal */
const mib = (kB) => round(kB / 1024, 1);

module.exports = { round, mib };
