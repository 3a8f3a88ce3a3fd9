// @ts-check
'use strict';

/**
 * One line of the bench's progress, with the time of day.
 * @param {string} line
 */
const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

module.exports = { log };
