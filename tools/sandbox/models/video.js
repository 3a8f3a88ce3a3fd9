// @ts-check
'use strict';
// Video models. LiangXin's page for Kling 3 Pro
// (https://docs.liangxin.ai/market/kling/v3-pro-generate-video) shows the model value kling-v3-pro and
// an example that sends input.prompt; no video page's field table could be read. So, as for the image
// models of json-input.js, only the prompt is checked and every other field is accepted as sent.
const { prompt } = require('./rules');

/**
 * @param {string} model
 * @returns {import('./index').VideoModel}
 */
const videoModel = (model) => ({ model, checks: [prompt()], makes: 'video' });

module.exports = { videoModel };
