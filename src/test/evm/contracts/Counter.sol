// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A counter with an owner: views, a custom error and an event, for filflow's contract tests.
contract Counter {
    error TooBig(uint256 given, uint256 limit);

    event Increased(address indexed by, uint256 amount, uint256 total);

    address public owner;
    uint256 public count;
    string public label;

    constructor(uint256 start, string memory name) {
        owner = msg.sender;
        count = start;
        label = name;
    }

    function increase(uint256 amount) external {
        if (amount > 1000) {
            revert TooBig(amount, 1000);
        }
        count += amount;
        emit Increased(msg.sender, amount, count);
    }

    function state() external view returns (address who, uint256 total, string memory name) {
        return (owner, count, label);
    }

    function checked(uint256 amount) external pure returns (uint256) {
        require(amount < 10, "amount must be below 10");
        return amount * 2;
    }
}
