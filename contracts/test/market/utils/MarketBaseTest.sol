// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IRollRouter} from "../../../src/interfaces/IRollRouter.sol";
import {PNMarket} from "../../../src/market/PNMarket.sol";
import {RollRouter} from "../../../src/market/RollRouter.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey, Side} from "../../../src/types/SeriesKey.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {BaseTest} from "../../utils/BaseTest.sol";

/// @notice Shared market fixture on top of `BaseTest`: the market and the router on the real core, series A
/// (`key`, WETH, strike 1500, `MATURITY`), series B (WETH, strike 1000, four weeks later) and series U (a 6-decimal
/// token, strike 1500, `MATURITY`). A maker and a taker besides alice and bob.
abstract contract MarketBaseTest is BaseTest {
    uint40 internal constant MATURITY_B = MATURITY + 28 days;
    uint256 internal constant MAX_128 = type(uint128).max;

    PNMarket internal market;
    RollRouter internal router;
    MockERC20 internal usdc;

    SeriesKey internal keyB;
    SeriesId internal idB;
    PNToken internal pTokenB;
    PNToken internal nTokenB;

    SeriesKey internal keyU;
    SeriesId internal idU;
    PNToken internal pTokenU;
    PNToken internal nTokenU;

    address internal maker = makeAddr("maker");
    address internal taker = makeAddr("taker");
    address internal carol = makeAddr("carol");

    function setUp() public virtual override {
        super.setUp();
        market = new PNMarket(core);
        router = new RollRouter(IPNMarket(address(market)));
        usdc = new MockERC20("USD Coin", "USDC", 6);
        keyB = keyOf(address(weth), 1000 * WAD, MATURITY_B);
        (idB, pTokenB, nTokenB) = createSeries(keyB);
        keyU = keyOf(address(usdc), 1500 * WAD, MATURITY);
        (idU, pTokenU, nTokenU) = createSeries(keyU);
        vm.label(address(market), "market");
        vm.label(address(router), "router");
    }

    /*//////////////////////////////////////////////////////////////
                                FUNDING
    //////////////////////////////////////////////////////////////*/

    /// @dev Gives `who` `amount` pairs of `k` (funding the collateral) and approves the market for everything.
    function mintPairs(address who, SeriesKey memory k, uint256 amount) internal {
        fundCollateral(who, k.collateral, amount);
        vm.startPrank(who);
        MockERC20(k.collateral).approve(address(core), amount);
        core.split(k, amount, who);
        vm.stopPrank();
        approveAll(who, k);
    }

    /// @dev Gives `who` `amount` of a collateral (WETH or a mock) and approves the market and the router for it.
    function fundCollateral(address who, address collateral, uint256 amount) internal {
        if (collateral == address(weth)) {
            vm.deal(address(this), amount);
            weth.deposit{value: amount}();
            assertTrue(weth.transfer(who, amount));
        } else {
            MockERC20(collateral).mint(who, amount);
        }
        vm.startPrank(who);
        MockERC20(collateral).approve(address(market), type(uint256).max);
        MockERC20(collateral).approve(address(router), type(uint256).max);
        vm.stopPrank();
    }

    /// @dev Approves the market and the router for both tokens of `k`.
    function approveAll(address who, SeriesKey memory k) internal {
        (address p, address n) = core.tokensOf(k);
        vm.startPrank(who);
        PNToken(p).approve(address(market), type(uint256).max);
        PNToken(n).approve(address(market), type(uint256).max);
        PNToken(p).approve(address(router), type(uint256).max);
        PNToken(n).approve(address(router), type(uint256).max);
        vm.stopPrank();
    }

    function tokenOf(SeriesKey memory k, Side side) internal view returns (address) {
        (address p, address n) = core.tokensOf(k);
        return side == Side.P ? p : n;
    }

    /*//////////////////////////////////////////////////////////////
                                ORDERS
    //////////////////////////////////////////////////////////////*/

    function flatAsk(address token_, address want, uint256 amount, uint256 priceWad)
        internal
        pure
        returns (IPNMarket.AskParams memory)
    {
        return IPNMarket.AskParams({
            token: token_,
            want: want,
            amount: amount,
            startPriceWad: priceWad,
            floorPriceWad: priceWad,
            duration: 0,
            halfLife: 0,
            expiry: 0
        });
    }

    function curvedAsk(
        address token_,
        address want,
        uint256 amount,
        uint256 startPriceWad,
        uint256 floorPriceWad,
        uint256 duration,
        uint256 halfLife
    ) internal pure returns (IPNMarket.AskParams memory) {
        return IPNMarket.AskParams({
            token: token_,
            want: want,
            amount: amount,
            startPriceWad: startPriceWad,
            floorPriceWad: floorPriceWad,
            duration: duration,
            halfLife: halfLife,
            expiry: 0
        });
    }

    /// @dev `who` posts an ask, minting the pairs it needs first.
    function postAskAs(address who, SeriesKey memory k, IPNMarket.AskParams memory params)
        internal
        returns (uint256 orderId)
    {
        mintPairs(who, k, params.amount);
        vm.prank(who);
        return market.postAsk(params);
    }

    /// @dev `who` posts a bid, funding its escrow first.
    function postBidAs(address who, address token_, uint256 amount, uint256 priceWad, uint256 expiry)
        internal
        returns (uint256 orderId)
    {
        (uint256 tokenId, uint256 collateralId) = market.tokenIdOf(token_);
        if (tokenId == 0 || collateralId == 0) market.register(token_);
        (, collateralId) = market.tokenIdOf(token_);
        address collateral = market.tokenAt(collateralId);
        fundCollateral(who, collateral, escrowOf(amount, priceWad));
        vm.prank(who);
        return market.postBid(token_, amount, priceWad, expiry);
    }

    /*//////////////////////////////////////////////////////////////
                                  MATH
    //////////////////////////////////////////////////////////////*/

    function escrowOf(uint256 amount, uint256 priceWad) internal pure returns (uint256) {
        return (amount * priceWad + WAD - 1) / WAD;
    }

    function costOf(uint256 amount, uint256 priceWad) internal pure returns (uint256) {
        return (amount * priceWad + WAD - 1) / WAD;
    }

    function proceedsOf(uint256 amount, uint256 priceWad) internal pure returns (uint256) {
        return amount * priceWad / WAD;
    }

    function rollParams(
        SeriesKey memory from,
        SeriesKey memory to,
        uint256 amountIn,
        uint256 amountOut,
        uint256 collateralIn,
        uint256[] memory asks,
        uint256[] memory bids,
        address recipient
    ) internal view returns (IRollRouter.RollParams memory) {
        return IRollRouter.RollParams({
            from: from,
            to: to,
            side: Side.P,
            amountIn: amountIn,
            amountOut: amountOut,
            collateralIn: collateralIn,
            minRefund: 0,
            asks: asks,
            bids: bids,
            recipient: recipient,
            refundETH: false,
            deadline: block.timestamp
        });
    }

    function ids1(uint256 a) internal pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = a;
    }

    function ids2(uint256 a, uint256 b) internal pure returns (uint256[] memory list) {
        list = new uint256[](2);
        list[0] = a;
        list[1] = b;
    }
}
