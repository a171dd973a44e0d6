// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BlackScholes} from "../utils/BlackScholes.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The test maker's pricing against the BRIEF's check values.
contract BlackScholesTest is Test {
    function testBriefCheckValues() public pure {
        // N at S = 1500, x = 1499, 14 days: about $46 at 40%, $70 at 60%, $93 at 80%
        assertApproxEqAbs(BlackScholes.nValue(1499e18, 1500e18, 14 days, 0.4e18), 46e18, 1e18);
        assertApproxEqAbs(BlackScholes.nValue(1499e18, 1500e18, 14 days, 0.6e18), 70e18, 1e18);
        assertApproxEqAbs(BlackScholes.nValue(1499e18, 1500e18, 14 days, 0.8e18), 93e18, 1e18);
        // the put inside P at x = 2500, S = 1500, 45 days: about $1.0 at 60% and $7.4 at 80%
        assertApproxEqAbs(BlackScholes.put(2500e18, 1500e18, 45 days, 0.6e18), 1e18, 0.15e18);
        assertApproxEqAbs(BlackScholes.put(2500e18, 1500e18, 45 days, 0.8e18), 7.4e18, 0.15e18);
        // P + N = x
        uint256 p = BlackScholes.pValue(2000e18, 1500e18, 30 days, 1e18);
        uint256 n = BlackScholes.nValue(2000e18, 1500e18, 30 days, 1e18);
        assertApproxEqAbs(p + n, 2000e18, 10);
    }
}
