'use strict';
// `require('n8n-nodes-liangxin')` gives the built node and credential classes; n8n itself loads
// them through the paths in package.json's `n8n` section.
const { LiangXinImage } = require('./dist/nodes/LiangXinImage/LiangXinImage.node');
const { LiangXinNanoBananaPro } = require('./dist/nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node');
const { LiangXinTrigger } = require('./dist/nodes/LiangXinTrigger/LiangXinTrigger.node');
const { LiangXinApi } = require('./dist/credentials/LiangXinApi.credentials');

module.exports = { LiangXinImage, LiangXinNanoBananaPro, LiangXinTrigger, LiangXinApi };
