// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Declares the ERC-20 Transfer event, so its ABI decodes the recorded calibration-net Transfer logs.
contract Token {
    event Transfer(address indexed from, address indexed to, uint256 value);

    mapping(address => uint256) public balanceOf;

    function burn(uint256 value) external {
        balanceOf[msg.sender] -= value;
        emit Transfer(msg.sender, address(0), value);
    }
}
