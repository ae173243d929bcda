// The Hardhat project the contract tests drive (ContractDevelopersEndToEndTest): a Hardhat network
// node with Filecoin's calibration chain id, and hardhat-verify pointed at filflow's
// Etherscan-compatible /api. Everything machine-specific comes from the environment the test sets.
require("@nomicfoundation/hardhat-verify");
const { subtask } = require("hardhat/config");
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require("hardhat/builtin-tasks/task-names");

const env = (name, fallback) => process.env[name] || fallback;
const chainId = Number(env("FILFLOW_CHAIN_ID", "314159"));

// No compiler downloads: the solc that filflow's cache fetched from npm (solc@X bundles soljson.js).
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args, hre, runSuper) => {
  if (process.env.FILFLOW_SOLJSON && args.solcVersion === env("FILFLOW_SOLC_VERSION", "")) {
    return {
      compilerPath: process.env.FILFLOW_SOLJSON,
      isSolcJs: true,
      version: args.solcVersion,
      longVersion: env("FILFLOW_SOLC_LONG_VERSION", args.solcVersion),
    };
  }
  return runSuper();
});

module.exports = {
  solidity: {
    version: env("FILFLOW_SOLC_VERSION", "0.8.24"),
    settings: { optimizer: { enabled: env("FILFLOW_OPTIMIZER", "false") === "true", runs: 200 } },
  },
  networks: {
    hardhat: { chainId },
    filflow: { url: env("FILFLOW_RPC_URL", "http://127.0.0.1:1234/rpc/v1"), chainId },
  },
  etherscan: {
    // keyed by network: hardhat-verify then calls the customChains apiURL (a single string key means etherscan.io's v2 API)
    apiKey: { filflow: env("FILFLOW_API_KEY", "filflow") },
    customChains: [{
      network: "filflow",
      chainId,
      urls: { apiURL: env("FILFLOW_API_URL", "http://127.0.0.1:8080/api"), browserURL: env("FILFLOW_BROWSER_URL", "http://127.0.0.1:8080") },
    }],
  },
  sourcify: { enabled: false },
};
