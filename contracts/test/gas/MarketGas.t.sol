// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../src/interfaces/IPNMarket.sol";
import {IRollRouter} from "../../src/interfaces/IRollRouter.sol";
import {SeriesKey, Side} from "../../src/types/SeriesKey.sol";
import {MarketBaseTest} from "../market/utils/MarketBaseTest.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {GasMeter} from "../utils/GasMeter.sol";

/// @notice Execution gas of the market and the router (transaction gas minus the 21,000 base and calldata), each
/// call its own transaction, as `CoreGas.t.sol` measures the core. Written to `snapshots/MarketGasTest.json`;
/// the test command fails when the committed file differs.
///
/// Unless a name says otherwise the book is warm: both tokens are registered, the market already escrows some
/// of the series (so its one ledger slot in the core is non-zero), and every party already holds some of each
/// token it receives. Partial fills leave the order open; full fills close it (and get the storage refunds).
/// forge-config: default.isolate = true
contract MarketGasTest is MarketBaseTest, GasMeter {
    uint256 internal constant AMOUNT = 10 ether;
    uint256 internal constant PRICE = 0.05e18; // N of a deep in-the-money P: 0.05 collateral per token

    address internal nA;
    address internal pA;
    address internal nB;
    address internal pB;

    function setUp() public override(BaseTest, MarketBaseTest) {
        super.setUp();
        (pA, nA) = core.tokensOf(key);
        (pB, nB) = core.tokensOf(keyB);
        // Everyone holds some of everything, and the market already escrows series A, B and WETH.
        address[4] memory parties = [maker, taker, alice, bob];
        for (uint256 i; i < parties.length; ++i) {
            mintPairs(parties[i], key, 100 * AMOUNT);
            mintPairs(parties[i], keyB, 100 * AMOUNT);
            fundCollateral(parties[i], address(weth), 100 * AMOUNT);
        }
        market.register(pA);
        market.register(pB);
        vm.startPrank(bob);
        market.postAsk(flatAsk(nA, address(weth), 1 ether, 0.9e18));
        market.postAsk(flatAsk(nB, address(weth), 1 ether, 0.9e18));
        market.postBid(nA, 1 ether, 0.01e18, 0);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                                 POSTING
    //////////////////////////////////////////////////////////////*/

    function test_gas_postBid() public {
        measureOn("postBid", address(market), maker, abi.encodeCall(market.postBid, (nA, AMOUNT, PRICE, 0)));
    }

    function test_gas_postBidETH() public {
        uint256 escrow = escrowOf(AMOUNT, PRICE);
        vm.deal(maker, escrow);
        _measureValue(
            "postBid ETH", address(market), maker, escrow, abi.encodeCall(market.postBid, (nA, AMOUNT, PRICE, 0))
        );
    }

    function test_gas_postAsk() public {
        IPNMarket.AskParams memory flat = flatAsk(nA, address(weth), AMOUNT, PRICE);
        measureOn("postAsk flat", address(market), maker, abi.encodeCall(market.postAsk, (flat)));
        IPNMarket.AskParams memory linear = curvedAsk(nA, address(weth), AMOUNT, 2 * PRICE, PRICE, 1 days, 0);
        measureOn("postAsk linear auction", address(market), maker, abi.encodeCall(market.postAsk, (linear)));
        IPNMarket.AskParams memory roll = curvedAsk(pA, pB, AMOUNT, 1.2e18, 1.1e18, 1 days, 3 hours);
        measureOn(
            "postAsk roll order (P_A for P_B, exponential)",
            address(market),
            maker,
            abi.encodeCall(market.postAsk, (roll))
        );
    }

    /// @dev The first order escrowing a series: the market's ledger slot for it in the core goes from 0 to
    /// non-zero (20,000 gas of the core's, not the market's).
    function test_gas_postAskFirstEscrowOfSeries() public {
        mintPairs(maker, keyU, AMOUNT);
        market.register(address(nTokenU));
        IPNMarket.AskParams memory linear =
            curvedAsk(address(nTokenU), address(usdc), AMOUNT, 2 * PRICE, PRICE, 1 days, 0);
        measureOn(
            "postAsk linear auction (first escrow of the series)",
            address(market),
            maker,
            abi.encodeCall(market.postAsk, (linear))
        );
    }

    /// @dev The first order naming a series: registers its token and the collateral's id is already known.
    function test_gas_postAskFirstOrderOfSeries() public {
        mintPairs(maker, keyU, AMOUNT);
        market.register(address(pTokenU));
        IPNMarket.AskParams memory flat = flatAsk(address(nTokenU), address(usdc), AMOUNT, PRICE);
        measureOn(
            "postAsk flat (first order of the token: registers it)",
            address(market),
            maker,
            abi.encodeCall(market.postAsk, (flat))
        );
    }

    /*//////////////////////////////////////////////////////////////
                                  FILLS
    //////////////////////////////////////////////////////////////*/

    function test_gas_fillAsk() public {
        vm.prank(maker);
        uint256 orderId = market.postAsk(flatAsk(nA, address(weth), AMOUNT, PRICE));
        measureOn(
            "fill ask (partial)", address(market), taker, abi.encodeCall(market.fill, (orderId, AMOUNT / 2, taker))
        );
        measureOn("fill ask (full)", address(market), taker, abi.encodeCall(market.fill, (orderId, AMOUNT / 2, taker)));
    }

    function test_gas_fillAuction() public {
        vm.prank(maker);
        uint256 orderId = market.postAsk(curvedAsk(nA, address(weth), AMOUNT, 2 * PRICE, PRICE, 1 days, 0));
        vm.warp(block.timestamp + 6 hours);
        measureOn(
            "fill linear auction (partial)",
            address(market),
            taker,
            abi.encodeCall(market.fill, (orderId, AMOUNT / 2, taker))
        );
    }

    function test_gas_fillRollOrder() public {
        vm.prank(maker);
        uint256 orderId = market.postAsk(curvedAsk(pA, pB, AMOUNT, 1.2e18, 1.1e18, 1 days, 3 hours));
        vm.warp(block.timestamp + 6 hours);
        measureOn(
            "fill roll order (partial, pays P_B)",
            address(market),
            taker,
            abi.encodeCall(market.fill, (orderId, AMOUNT / 2, taker))
        );
    }

    function test_gas_fillAskETH() public {
        vm.prank(maker);
        uint256 orderId = market.postAsk(flatAsk(nA, address(weth), AMOUNT, PRICE));
        uint256 cost = costOf(AMOUNT / 2, PRICE);
        vm.deal(taker, cost + 1 ether);
        _measureValue(
            "fill ask ETH (partial, excess refunded)",
            address(market),
            taker,
            cost + 1,
            abi.encodeCall(market.fill, (orderId, AMOUNT / 2, taker))
        );
    }

    function test_gas_fillBid() public {
        vm.prank(maker);
        uint256 orderId = market.postBid(nA, AMOUNT, PRICE, 0);
        measureOn(
            "fill bid (partial)", address(market), taker, abi.encodeCall(market.fill, (orderId, AMOUNT / 2, taker))
        );
        measureOn("fill bid (full)", address(market), taker, abi.encodeCall(market.fill, (orderId, AMOUNT / 2, taker)));
    }

    /// @dev The costliest fill: the last fill of a bid whose rounding leftover goes back to the maker.
    function test_gas_fillBidFullWithLeftover() public {
        vm.prank(maker);
        uint256 orderId = market.postBid(nA, AMOUNT + 1, PRICE + 1, 0); // fractional: escrow rounds up
        measureOn(
            "fill bid (full, rounding leftover returned)",
            address(market),
            taker,
            abi.encodeCall(market.fill, (orderId, AMOUNT + 1, taker))
        );
    }

    /// @dev A fill where both sides receive a token for the first time: the taker's first N of the series (a new
    /// ledger slot in the core) and the maker's first WETH (a new balance slot in WETH).
    function test_gas_fillAskColdParties() public {
        address newMaker = makeAddr("newMaker");
        address newTaker = makeAddr("newTaker");
        mintPairs(newMaker, key, AMOUNT);
        fundCollateral(newTaker, address(weth), AMOUNT);
        vm.prank(newMaker);
        uint256 orderId = market.postAsk(flatAsk(nA, address(weth), AMOUNT, PRICE));
        assertEq(weth.balanceOf(newMaker), 0);
        measureOn(
            "fill ask (partial, both parties receive a token for the first time)",
            address(market),
            newTaker,
            abi.encodeCall(market.fill, (orderId, AMOUNT / 2, newTaker))
        );
    }

    function test_gas_fillBidToETH() public {
        vm.prank(maker);
        uint256 orderId = market.postBid(nA, AMOUNT, PRICE, 0);
        measureOn(
            "fillToETH bid (partial)",
            address(market),
            taker,
            abi.encodeCall(market.fillToETH, (orderId, AMOUNT / 2, payable(taker)))
        );
    }

    /*//////////////////////////////////////////////////////////////
                              CANCELLATION
    //////////////////////////////////////////////////////////////*/

    function test_gas_cancel() public {
        vm.startPrank(maker);
        uint256 askId = market.postAsk(flatAsk(nA, address(weth), AMOUNT, PRICE));
        uint256 bidId = market.postBid(nA, AMOUNT, PRICE, 0);
        vm.stopPrank();
        measureOn("cancel ask", address(market), maker, abi.encodeCall(market.cancel, (askId)));
        measureOn("cancel bid", address(market), maker, abi.encodeCall(market.cancel, (bidId)));
    }

    /*//////////////////////////////////////////////////////////////
                                  ROLL
    //////////////////////////////////////////////////////////////*/

    /// @dev The atomic roll of `AMOUNT` P_A into `AMOUNT` P_B, taking one ask of N_A and one bid of N_B, both
    /// partially, with the router's allowances already set by an earlier roll. The buffer is exactly the asks'
    /// cost, the worst case: the router's collateral balance returns to zero before the merge credits it again.
    function test_gas_roll() public {
        IRollRouter.RollParams memory p = _warmRoll(AMOUNT, costOf(AMOUNT, PRICE));
        _measureRoll("roll P_A to P_B (1 ask + 1 bid, partial, exact buffer)", p);
    }

    /// @dev As `test_gas_roll` with a buffer above the asks' cost: the router returns what is left.
    function test_gas_rollSurplusBuffer() public {
        IRollRouter.RollParams memory p = _warmRoll(AMOUNT, costOf(AMOUNT, PRICE) + 0.1 ether);
        _measureRoll("roll P_A to P_B (1 ask + 1 bid, partial, surplus buffer refunded)", p);
    }

    /// @dev The roll the BRIEF's rule makes after a fall: twice as many P_B as P_A (strike halved), the buffer
    /// covering the asks and the extra `AMOUNT` of collateral the larger split needs.
    function test_gas_rollDoubling() public {
        IRollRouter.RollParams memory p = _warmRoll(AMOUNT, costOf(AMOUNT, PRICE) + AMOUNT);
        p.amountOut = 2 * AMOUNT;
        _measureRoll("roll P_A to 2x P_B (1 ask + 1 bid, partial)", p);
    }

    /// @dev As `test_gas_roll`, on the first roll through the router: it approves the market for WETH and N_B,
    /// and the core for WETH.
    function test_gas_rollFirstThroughRouter() public {
        vm.startPrank(maker);
        uint256 askId = market.postAsk(flatAsk(nA, address(weth), 10 * AMOUNT, PRICE));
        uint256 bidId = market.postBid(nB, 10 * AMOUNT, 0.3e18, 0);
        vm.stopPrank();
        IRollRouter.RollParams memory p =
            rollParams(key, keyB, AMOUNT, AMOUNT, costOf(AMOUNT, PRICE), ids1(askId), ids1(bidId), alice);
        measureOn(
            "roll P_A to P_B (first roll through the router)", address(router), alice, abi.encodeCall(router.roll, (p))
        );
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Posts a deep ask of N_A and a deep bid for N_B, lets bob roll once through them (setting the router's
    /// allowances), and returns alice's roll of `amount` with `buffer`.
    function _warmRoll(uint256 amount, uint256 buffer) private returns (IRollRouter.RollParams memory p) {
        vm.startPrank(maker);
        uint256 askId = market.postAsk(flatAsk(nA, address(weth), 10 * AMOUNT, PRICE));
        uint256 bidId = market.postBid(nB, 10 * AMOUNT, 0.3e18, 0);
        vm.stopPrank();
        p = rollParams(key, keyB, amount, amount, buffer, ids1(askId), ids1(bidId), alice);
        vm.prank(bob);
        router.roll(_asBob(p));
    }

    /// @dev Measures one roll. Every contract, the core included, uses the transient reentrancy guard on every
    /// chain, so the figure is the same on mainnet and on the test chain.
    function _measureRoll(string memory name, IRollRouter.RollParams memory p) private {
        measureOn(name, address(router), alice, abi.encodeCall(router.roll, (p)));
    }

    function _asBob(IRollRouter.RollParams memory p) private view returns (IRollRouter.RollParams memory q) {
        q = IRollRouter.RollParams({
            from: p.from,
            to: p.to,
            side: p.side,
            amountIn: p.amountIn,
            amountOut: p.amountOut,
            collateralIn: p.collateralIn,
            minRefund: p.minRefund,
            asks: p.asks,
            bids: p.bids,
            recipient: bob,
            refundETH: p.refundETH,
            deadline: p.deadline
        });
    }

    function _measureValue(string memory name, address target, address caller, uint256 value, bytes memory data)
        private
    {
        vm.prank(caller);
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        vm.snapshotValue(name, vm.lastCallGas().gasTotalUsed - intrinsicGas(data));
    }
}
