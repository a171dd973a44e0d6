// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {PNToken} from "../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey, Side} from "../../src/types/SeriesKey.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {IERC20} from "forge-std/interfaces/IERC20.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

contract RedeemIntegrationTest is BaseTest {
    uint256 internal constant MAX = type(uint128).max;

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testRedeemZeroAmount(address to) public {
        splitAs(alice, key, 1 ether);
        settleAt(key, 2000 * WAD);
        vm.startPrank(alice);
        vm.expectRevert(IPNCore.ZeroAmount.selector);
        core.redeem(key, 0, 0, to);
        vm.expectRevert(IPNCore.ZeroAmount.selector);
        core.redeemToETH(key, 0, 0, payable(to));
        vm.stopPrank();
    }

    function testRedeemZeroRecipient(uint256 pAmount, uint256 nAmount) public {
        pAmount = bound(pAmount, 0, 1 ether);
        nAmount = bound(nAmount, pAmount == 0 ? 1 : 0, 1 ether);
        splitAs(alice, key, 1 ether);
        settleAt(key, 2000 * WAD);
        vm.startPrank(alice);
        vm.expectRevert(IPNCore.ZeroAddress.selector);
        core.redeem(key, pAmount, nAmount, address(0));
        vm.expectRevert(IPNCore.ZeroAddress.selector);
        core.redeemToETH(key, pAmount, nAmount, payable(address(0)));
        vm.stopPrank();
    }

    function testRedeemNotSettledBeforeMaturity(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        splitAs(alice, key, amount);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotSettled.selector, id));
        core.redeem(key, amount, amount, alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotSettled.selector, id));
        core.redeemToETH(key, amount, amount, payable(alice));
        vm.stopPrank();
    }

    /// @dev Past maturity, until someone settles, unpaired sides cannot be redeemed.
    function testRedeemNotSettledAfterMaturity(uint256 amount, uint256 elapsed) public {
        amount = bound(amount, 1, MAX);
        elapsed = bound(elapsed, 0, 10 * 365 days);
        splitAs(alice, key, amount);
        vm.warp(MATURITY + elapsed);
        oracle.report(USD, MATURITY, 2000 * WAD); // the answer is final, but nobody called settle
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotSettled.selector, id));
        core.redeem(key, amount, 0, alice);
    }

    function testRedeemNotSettledUnknownSeries(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        SeriesKey memory missing = keyOf(address(weth), 2000 * WAD, MATURITY);
        SeriesId missingId = core.seriesId(missing);
        vm.warp(MATURITY);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotSettled.selector, missingId));
        core.redeem(missing, amount, 0, alice);
    }

    function testRedeemInsufficientP(uint256 held, uint256 pAmount) public {
        held = bound(held, 1, MAX - 1);
        pAmount = bound(pAmount, held + 1, MAX);
        splitAs(alice, key, held);
        settleAt(key, 2000 * WAD);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.InsufficientBalance.selector, id, Side.P, alice, held, pAmount));
        core.redeem(key, pAmount, 0, alice);
    }

    function testRedeemInsufficientN(uint256 held, uint256 nAmount) public {
        held = bound(held, 1, MAX - 1);
        nAmount = bound(nAmount, held + 1, MAX);
        splitAs(alice, key, held);
        settleAt(key, 2000 * WAD);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.InsufficientBalance.selector, id, Side.N, alice, held, nAmount));
        core.redeemToETH(key, held, nAmount, payable(alice));
    }

    function testRedeemToETHNativeNotSupported(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        SeriesKey memory tokenKey = keyOf(address(token), 1500 * WAD, MATURITY);
        createSeries(tokenKey);
        token.mint(alice, amount);
        vm.startPrank(alice);
        token.approve(address(core), amount);
        core.split(tokenKey, amount, alice);
        vm.stopPrank();
        settleAt(tokenKey, 1000 * WAD); // x <= S: P pays in full

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NativeNotSupported.selector, address(token)));
        core.redeemToETH(tokenKey, amount, 0, payable(alice));
    }

    /// @dev The native path needs WETH collateral even when nothing would be paid (N with x <= S here).
    function testRedeemToETHZeroPayoutOnNonWethSeriesReverts(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        SeriesKey memory tokenKey = keyOf(address(token), 1500 * WAD, MATURITY);
        (SeriesId tokenId,,) = createSeries(tokenKey);
        token.mint(alice, amount);
        vm.startPrank(alice);
        token.approve(address(core), amount);
        core.split(tokenKey, amount, alice);
        vm.stopPrank();
        settleAt(tokenKey, 1000 * WAD);

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NativeNotSupported.selector, address(token)));
        core.redeemToETH(tokenKey, 0, amount, payable(alice));
        (, uint256 n) = core.balancesOf(tokenId, alice);
        assertEq(n, amount, "N kept");
    }

    function testRedeemToETHRecipientRejectsETH(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        splitAs(alice, key, amount);
        settleAt(key, 1000 * WAD);
        vm.prank(alice);
        vm.expectRevert(SafeTransferLib.ETHTransferFailed.selector);
        core.redeemToETH(key, amount, amount, payable(address(core)));
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The documented figures: S = 1500, one whole P and N at x = 3000, 1500 and 1000.
    function testRedeemKnownValues() public {
        splitAs(alice, key, 3 ether);
        settleAt(key, 3000 * WAD);
        vm.startPrank(alice);
        assertEq(core.redeem(key, 1 ether, 0, alice), 0.5 ether, "P at x = 2S");
        assertEq(core.redeem(key, 0, 1 ether, alice), 0.5 ether, "N at x = 2S");
        vm.stopPrank();

        SeriesKey memory atStrike = keyOf(address(weth), 3000 * WAD, MATURITY);
        SeriesKey memory inTheMoney = keyOf(address(weth), 4500 * WAD, MATURITY);
        vm.warp(START);
        createSeries(atStrike);
        createSeries(inTheMoney);
        splitAs(bob, atStrike, 1 ether);
        splitAs(bob, inTheMoney, 1 ether);
        vm.warp(MATURITY);
        core.settle(atStrike);
        core.settle(inTheMoney);
        vm.startPrank(bob);
        assertEq(core.redeem(atStrike, 1 ether, 1 ether, bob), 1 ether, "x = S: P pays 1, N pays 0");
        assertEq(core.redeem(inTheMoney, 0, 1 ether, bob), 0, "x < S: N pays 0");
        assertEq(core.redeem(inTheMoney, 1 ether, 0, bob), 1 ether, "x < S: P pays 1");
        vm.stopPrank();
    }

    function testRedeem(uint256 amount, uint256 pAmount, uint256 nAmount, uint256 strikeWad, uint256 xWad, address to)
        public
    {
        vm.assume(to != address(0) && to != address(core) && to != alice);
        Case memory c = _case(amount, pAmount, nAmount, strikeWad, xWad);
        (SeriesKey memory k, SeriesId sid, PNToken p, PNToken n) = _series(c.strikeWad);
        splitAs(alice, k, c.amount);
        settleAt(k, c.xWad);

        uint256 expected = _claim(c.pAmount, c.nAmount, c.strikeWad, c.xWad);
        vm.expectEmit(address(core));
        emit IPNCore.Redeem(sid, alice, to, c.pAmount, c.nAmount, expected);
        if (c.pAmount != 0) {
            vm.expectEmit(address(p));
            emit IERC20.Transfer(alice, address(0), c.pAmount);
        }
        if (c.nAmount != 0) {
            vm.expectEmit(address(n));
            emit IERC20.Transfer(alice, address(0), c.nAmount);
        }
        if (expected != 0) {
            vm.expectEmit(address(weth));
            emit IERC20.Transfer(address(core), to, expected);
        }
        vm.prank(alice);
        uint256 payout = core.redeem(k, c.pAmount, c.nAmount, to);

        assertEq(payout, expected, "payout");
        assertEq(weth.balanceOf(to), expected, "recipient WETH");
        _assertAfterRedeem(sid, c, expected);
    }

    /// @dev A pair redeemed together pays its amount, less at most 1 wei of rounding.
    function testRedeemPairDust(uint256 amount, uint256 strikeWad, uint256 xWad) public {
        amount = bound(amount, 1, MAX);
        strikeWad = bound(strikeWad, 1, MAX);
        xWad = bound(xWad, 1, MAX);
        (SeriesKey memory k, SeriesId sid,,) = _series(strikeWad);
        splitAs(alice, k, amount);
        settleAt(k, xWad);

        vm.prank(alice);
        uint256 payout = core.redeem(k, amount, amount, alice);
        assertLe(payout, amount, "never more than the collateral");
        assertGe(payout, amount - 1, "dust <= 1 wei");
        assertEq(core.collateralOf(sid), amount - payout, "dust stays in the series");
    }

    function testRedeemToETH(uint256 amount, uint256 pAmount, uint256 nAmount, uint256 xWad) public {
        amount = bound(amount, 1, MAX);
        pAmount = bound(pAmount, 0, amount);
        nAmount = bound(nAmount, pAmount == 0 ? 1 : 0, amount);
        xWad = bound(xWad, 1, MAX);
        splitAs(alice, key, amount);
        settleAt(key, xWad);

        uint256 expected = _claim(pAmount, nAmount, key.strikeWad, xWad);
        vm.expectEmit(address(core));
        emit IPNCore.Redeem(id, alice, bob, pAmount, nAmount, expected);
        vm.prank(alice);
        uint256 payout = core.redeemToETH(key, pAmount, nAmount, payable(bob));

        assertEq(payout, expected, "payout");
        assertEq(bob.balance, expected, "recipient ETH");
        assertEq(weth.balanceOf(bob), 0, "recipient WETH");
        assertEq(address(core).balance, 0, "core ETH");
        assertEq(weth.balanceOf(address(core)), amount - expected, "core WETH");
        assertEq(core.collateralOf(id), amount - expected, "collateralOf");
    }

    /// @dev With x <= S, N pays nothing: it is burned, and no collateral moves.
    function testRedeemZeroPayout(uint256 amount, uint256 xWad) public {
        amount = bound(amount, 1, MAX);
        xWad = bound(xWad, 1, key.strikeWad);
        splitAs(alice, key, amount);
        settleAt(key, xWad);

        vm.expectEmit(address(core));
        emit IPNCore.Redeem(id, alice, alice, 0, amount, 0);
        vm.expectCall(address(weth), abi.encodeWithSelector(IERC20.transfer.selector), 0);
        vm.prank(alice);
        assertEq(core.redeem(key, 0, amount, alice), 0);

        (uint256 p, uint256 n) = core.balancesOf(id, alice);
        assertEq(p, amount, "P kept");
        assertEq(n, 0, "N burned");
        assertEq(core.collateralOf(id), amount, "collateral kept for P");
    }

    /// @dev Several holders redeem everything, in pieces: the series never pays more than it holds, and the
    /// leftover is the rounding dust, at most 1 wei per redemption call.
    function testRedeemAllHolders(uint256 a, uint256 b, uint256 moved, uint256 strikeWad, uint256 xWad) public {
        a = bound(a, 1, MAX / 2);
        b = bound(b, 1, MAX / 2);
        moved = bound(moved, 0, a);
        strikeWad = bound(strikeWad, 1, MAX);
        xWad = bound(xWad, 1, MAX);
        (SeriesKey memory k, SeriesId sid, PNToken p,) = _series(strikeWad);
        splitAs(alice, k, a);
        splitAs(bob, k, b);
        vm.prank(alice);
        assertTrue(p.transfer(bob, moved));
        settleAt(k, xWad);

        uint256 paid;
        vm.startPrank(alice);
        if (a > moved) paid += core.redeem(k, a - moved, 0, alice);
        paid += core.redeem(k, 0, a, alice);
        vm.stopPrank();
        vm.prank(bob);
        paid += core.redeem(k, b + moved, b, bob);

        (uint256 pSupply, uint256 nSupply) = core.suppliesOf(sid);
        assertEq(pSupply + nSupply, 0, "all burned");
        assertLe(paid, a + b, "solvent");
        assertEq(core.collateralOf(sid), a + b - paid, "collateralOf");
        assertLe(core.collateralOf(sid), 3, "dust");
        assertEq(weth.balanceOf(address(core)), core.collateralOf(sid), "core WETH");
        assertEq(weth.balanceOf(alice) + weth.balanceOf(bob), paid, "holders WETH");
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    struct Case {
        uint256 amount;
        uint256 pAmount;
        uint256 nAmount;
        uint256 strikeWad;
        uint256 xWad;
    }

    /// @dev Bounds a fuzzed redemption: a split of `amount`, a redemption of at most that on each side (not both
    /// zero), and a strike and x in the core's 128-bit range.
    function _case(uint256 amount, uint256 pAmount, uint256 nAmount, uint256 strikeWad, uint256 xWad)
        internal
        pure
        returns (Case memory c)
    {
        c.amount = bound(amount, 1, MAX);
        c.pAmount = bound(pAmount, 0, c.amount);
        c.nAmount = bound(nAmount, c.pAmount == 0 ? 1 : 0, c.amount);
        c.strikeWad = bound(strikeWad, 1, MAX);
        c.xWad = bound(xWad, 1, MAX);
    }

    /// @dev Alice split `c.amount` and redeemed `c.pAmount` P and `c.nAmount` N for `payout`.
    function _assertAfterRedeem(SeriesId sid, Case memory c, uint256 payout) internal view {
        (uint256 pLeft, uint256 nLeft) = core.balancesOf(sid, alice);
        assertEq(pLeft, c.amount - c.pAmount, "P balance");
        assertEq(nLeft, c.amount - c.nAmount, "N balance");
        (uint256 pSupply, uint256 nSupply) = core.suppliesOf(sid);
        assertEq(pSupply, c.amount - c.pAmount, "P supply");
        assertEq(nSupply, c.amount - c.nAmount, "N supply");
        assertEq(core.collateralOf(sid), c.amount - payout, "collateralOf");
        assertEq(weth.balanceOf(address(core)), c.amount - payout, "core WETH");
        assertEq(core.settlementOf(sid), c.xWad, "x unchanged");
    }

    /// @dev The documented claim, written out independently of PayoffLib.
    function _claim(uint256 pAmount, uint256 nAmount, uint256 strikeWad, uint256 xWad) internal pure returns (uint256) {
        uint256 pPart = pAmount * (strikeWad < xWad ? strikeWad : xWad) / xWad;
        uint256 nPart = nAmount * (xWad > strikeWad ? xWad - strikeWad : 0) / xWad;
        return pPart + nPart;
    }

    /// @dev The WETH series at `strikeWad` and the fixture maturity, created if needed.
    function _series(uint256 strikeWad) internal returns (SeriesKey memory k, SeriesId sid, PNToken p, PNToken n) {
        k = keyOf(address(weth), strikeWad, MATURITY);
        sid = core.seriesId(k);
        (address pAddr, address nAddr) = core.tokensOf(k);
        if (!core.exists(k)) core.createSeries(k);
        (p, n) = (PNToken(pAddr), PNToken(nAddr));
    }
}
