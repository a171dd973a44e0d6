// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../../src/PNCore.sol";
import {DevOracle} from "../../src/dev/DevOracle.sol";
import {DevWETH} from "../../src/dev/DevWETH.sol";
import {IIndexOracle} from "../../src/interfaces/IIndexOracle.sol";
import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {PNToken} from "../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey} from "../../src/types/SeriesKey.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Shared fixture: a core on WETH, a dev oracle, a standard ERC-20 collateral and one USD series.
abstract contract BaseTest is Test {
    uint256 internal constant WAD = 1e18;
    uint40 internal constant START = 1_790_000_000; // 2026-09-22
    uint40 internal constant MATURITY = 1_798_675_200; // 2026-12-31 00:00:00 UTC
    bytes32 internal constant USD = bytes32("USD");

    PNCore internal core;
    DevWETH internal weth;
    DevOracle internal oracle;
    MockERC20 internal token;
    SeriesKey internal key;
    SeriesId internal id;
    PNToken internal pToken;
    PNToken internal nToken;

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public virtual {
        vm.warp(START);
        weth = new DevWETH();
        core = new PNCore(address(weth));
        oracle = new DevOracle();
        token = new MockERC20("Token", "TKN", 18);
        key = keyOf(address(weth), 1500 * WAD, MATURITY);
        (id, pToken, nToken) = createSeries(key);
    }

    function keyOf(address collateral, uint256 strikeWad, uint256 maturity) internal view returns (SeriesKey memory) {
        return SeriesKey({
            collateral: collateral,
            oracle: IIndexOracle(address(oracle)),
            indexId: USD,
            strikeWad: uint128(strikeWad),
            maturity: uint40(maturity)
        });
    }

    function createSeries(SeriesKey memory k) internal returns (SeriesId sid, PNToken p, PNToken n) {
        (SeriesId created, address pAddr, address nAddr) = core.createSeries(k);
        return (created, PNToken(pAddr), PNToken(nAddr));
    }

    /// @dev Gives `who` `amount` WETH and approves the core.
    function fundWeth(address who, uint256 amount) internal {
        vm.deal(who, amount);
        vm.startPrank(who);
        weth.deposit{value: amount}();
        weth.approve(address(core), type(uint256).max);
        vm.stopPrank();
    }

    function splitAs(address who, SeriesKey memory k, uint256 amount) internal {
        fundWeth(who, amount);
        vm.prank(who);
        core.split(k, amount, who);
    }

    function settleAt(SeriesKey memory k, uint256 xWad) internal {
        vm.warp(k.maturity);
        oracle.report(k.indexId, k.maturity, xWad);
        core.settle(k);
    }

    function balances(SeriesId sid, address who) internal view returns (uint256 p, uint256 n) {
        return core.balancesOf(sid, who);
    }

    function expectCoreError(bytes memory data) internal {
        vm.expectRevert(data);
    }

    function iCore() internal view returns (IPNCore) {
        return IPNCore(address(core));
    }
}
