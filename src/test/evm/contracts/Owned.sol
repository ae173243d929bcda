// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Declares the events of the recorded mainnet contract created at 3573064 (an upgradeable proxy),
/// so its ABI decodes that contract's recorded logs in filflow's contract message list.
contract Owned {
    event Upgraded(address indexed implementation);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    address public owner;

    constructor() {
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
    }
}
