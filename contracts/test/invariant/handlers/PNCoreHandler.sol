// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../../../src/PNCore.sol";
import {DevOracle} from "../../../src/dev/DevOracle.sol";
import {DevWETH} from "../../../src/dev/DevWETH.sol";
import {IIndexOracle} from "../../../src/interfaces/IIndexOracle.sol";
import {IPNCore} from "../../../src/interfaces/IPNCore.sol";
import {PayoffLib} from "../../../src/libraries/PayoffLib.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey, Side} from "../../../src/types/SeriesKey.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives the core with random split, merge, transfer, transferFrom, warp, settle and redeem calls by
/// several actors on several series, and keeps a ghost model of what every balance, supply and collateral amount
/// must be. Each action is `try` -> apply to the ghost; `catch` -> the revert must be one the model predicts.
contract PNCoreHandler is Test {
    uint256 internal constant SERIES_COUNT = 3;
    uint256 internal constant ACTOR_COUNT = 4;
    uint256 internal constant MAX_AMOUNT = 1e30;

    PNCore public immutable core;
    DevWETH public immutable weth;
    MockERC20 public immutable usdc;
    DevOracle public immutable oracle;

    SeriesKey[] internal _keys;
    SeriesId[] public ids;
    PNToken[] public pTokens;
    PNToken[] public nTokens;
    address[] public actors;

    // Ghost model.
    mapping(uint256 series => mapping(address actor => uint256)) public ghostP;
    mapping(uint256 series => mapping(address actor => uint256)) public ghostN;
    mapping(uint256 series => uint256) public ghostPSupply;
    mapping(uint256 series => uint256) public ghostNSupply;
    mapping(uint256 series => uint256) public ghostCollateral;
    mapping(uint256 series => uint256) public ghostX;
    mapping(uint256 series => bool) public ghostRedeemed;
    mapping(bytes32 action => uint256) public calls;
    /// @dev Largest dust (claim minus payout, in wei) seen on a pair redeemed together; PN-4 bounds it by 1.
    uint256 public maxPairDust;

    constructor(PNCore core_, DevWETH weth_, MockERC20 usdc_) {
        core = core_;
        weth = weth_;
        usdc = usdc_;
        oracle = new DevOracle();
        _addSeries(address(weth), bytes32("USD"), 1500e18, block.timestamp + 10 days);
        _addSeries(address(weth), bytes32("EUR"), 1e18, block.timestamp + 25 days);
        _addSeries(address(usdc), bytes32("CPI-U"), 2_000_000e18, block.timestamp + 40 days);
        for (uint256 i; i < ACTOR_COUNT; ++i) {
            actors.push(makeAddr(string.concat("actor", vm.toString(i))));
        }
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function split(uint256 actorSeed, uint256 seriesSeed, uint256 amount, bool native) external {
        (uint256 s, address actor) = (_series(seriesSeed), _actor(actorSeed));
        amount = _amount(amount);
        SeriesKey memory key = _keys[s];
        native = native && key.collateral == address(weth);
        _fund(actor, key.collateral, amount, native);
        vm.prank(actor);
        try core.split{value: native ? amount : 0}(key, amount, actor) {
            assertLt(block.timestamp, key.maturity, "split after maturity succeeded");
            ghostP[s][actor] += amount;
            ghostN[s][actor] += amount;
            ghostPSupply[s] += amount;
            ghostNSupply[s] += amount;
            ghostCollateral[s] += amount;
            ++calls["split"];
        } catch (bytes memory err) {
            _expect(err, abi.encodeWithSelector(IPNCore.SeriesMatured.selector, ids[s], key.maturity));
            if (native) vm.deal(actor, 0);
        }
    }

    function merge(uint256 actorSeed, uint256 seriesSeed, uint256 amount, bool toETH) external {
        (uint256 s, address actor) = (_series(seriesSeed), _actor(actorSeed));
        uint256 held = _min(ghostP[s][actor], ghostN[s][actor]);
        amount = bound(amount, 1, held + 1); // one past what is held exercises InsufficientBalance
        SeriesKey memory key = _keys[s];
        toETH = toETH && key.collateral == address(weth);
        uint256 before = _collateralBalance(actor, key.collateral, toETH);
        vm.prank(actor);
        try this.callMerge(actor, key, amount, toETH) {
            _burnGhost(s, actor, amount, amount);
            ghostCollateral[s] -= amount;
            assertEq(_collateralBalance(actor, key.collateral, toETH) - before, amount, "merge paid wrong amount");
            ++calls["merge"];
        } catch (bytes memory err) {
            _expectInsufficient(err, s, actor, amount);
        }
    }

    /// @dev The only way a bounded merge can fail: one side is short, P checked first.
    function _expectInsufficient(bytes memory err, uint256 s, address actor, uint256 amount) private view {
        Side short = ghostP[s][actor] < amount ? Side.P : Side.N;
        uint256 balance = short == Side.P ? ghostP[s][actor] : ghostN[s][actor];
        _expect(
            err, abi.encodeWithSelector(IPNCore.InsufficientBalance.selector, ids[s], short, actor, balance, amount)
        );
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 seriesSeed, bool isN, uint256 amount) external {
        (uint256 s, address from, address to) = (_series(seriesSeed), _actor(fromSeed), _actor(toSeed));
        PNToken tok = isN ? nTokens[s] : pTokens[s];
        uint256 held = isN ? ghostN[s][from] : ghostP[s][from];
        amount = bound(amount, 0, held);
        vm.prank(from);
        tok.transfer(to, amount);
        _moveGhost(s, isN, from, to, amount);
        ++calls["transfer"];
    }

    function transferFrom(uint256 ownerSeed, uint256 spenderSeed, uint256 seriesSeed, bool isN, uint256 amount)
        external
    {
        (uint256 s, address owner, address spender) = (_series(seriesSeed), _actor(ownerSeed), _actor(spenderSeed));
        PNToken tok = isN ? nTokens[s] : pTokens[s];
        amount = bound(amount, 0, isN ? ghostN[s][owner] : ghostP[s][owner]);
        vm.prank(owner);
        tok.approve(spender, amount);
        vm.prank(spender);
        tok.transferFrom(owner, spender, amount);
        assertEq(tok.allowance(owner, spender), 0, "allowance not spent");
        _moveGhost(s, isN, owner, spender, amount);
        ++calls["transferFrom"];
    }

    function warp(uint256 secondsForward) external {
        vm.warp(block.timestamp + bound(secondsForward, 1, 20 days));
        ++calls["warp"];
    }

    function settle(uint256 seriesSeed, uint256 xSeed) external {
        uint256 s = _series(seriesSeed);
        SeriesKey memory key = _keys[s];
        if (block.timestamp < key.maturity) {
            vm.expectRevert(abi.encodeWithSelector(IPNCore.NotMatured.selector, ids[s], key.maturity));
            core.settle(key);
            return;
        }
        if (ghostX[s] != 0) {
            vm.expectRevert(abi.encodeWithSelector(IPNCore.AlreadySettled.selector, ids[s], ghostX[s]));
            core.settle(key);
            return;
        }
        uint256 xWad = _settlementValue(key.strikeWad, xSeed);
        oracle.report(key.indexId, key.maturity, xWad);
        assertEq(core.settle(key), xWad, "settle returned another x");
        ghostX[s] = xWad;
        ++calls["settle"];
    }

    function redeem(uint256 actorSeed, uint256 seriesSeed, uint256 pAmount, uint256 nAmount) external {
        (uint256 s, address actor) = (_series(seriesSeed), _actor(actorSeed));
        SeriesKey memory key = _keys[s];
        pAmount = bound(pAmount, 0, ghostP[s][actor]);
        nAmount = bound(nAmount, 0, ghostN[s][actor]);
        if (ghostX[s] == 0 || pAmount + nAmount == 0) return;
        uint256 expected =
            PayoffLib.pPayout(pAmount, key.strikeWad, ghostX[s]) + PayoffLib.nPayout(nAmount, key.strikeWad, ghostX[s]);
        uint256 before = _collateralBalance(actor, key.collateral, false);
        vm.prank(actor);
        uint256 payout = core.redeem(key, pAmount, nAmount, actor);
        assertEq(payout, expected, "payout differs from PayoffLib");
        assertEq(_collateralBalance(actor, key.collateral, false) - before, payout, "paid amount differs");
        if (pAmount == nAmount) maxPairDust = _max(maxPairDust, pAmount - payout);
        _burnGhost(s, actor, pAmount, nAmount);
        ghostCollateral[s] -= payout;
        ghostRedeemed[s] = true;
        ++calls["redeem"];
    }

    /// @dev Lets `merge` pick the ETH path with `try` on an external call.
    function callMerge(address actor, SeriesKey memory key, uint256 amount, bool toETH) external {
        vm.prank(actor);
        if (toETH) core.mergeToETH(key, amount, payable(actor));
        else core.merge(key, amount, actor);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function seriesCount() external pure returns (uint256) {
        return SERIES_COUNT;
    }

    function actorCount() external pure returns (uint256) {
        return ACTOR_COUNT;
    }

    function keyAt(uint256 s) external view returns (SeriesKey memory) {
        return _keys[s];
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _addSeries(address collateral, bytes32 indexId, uint256 strikeWad, uint256 maturity) private {
        SeriesKey memory key = SeriesKey({
            collateral: collateral,
            oracle: IIndexOracle(address(oracle)),
            indexId: indexId,
            strikeWad: uint128(strikeWad),
            maturity: uint40(maturity)
        });
        (SeriesId id, address p, address n) = core.createSeries(key);
        _keys.push(key);
        ids.push(id);
        pTokens.push(PNToken(p));
        nTokens.push(PNToken(n));
    }

    function _fund(address actor, address collateral, uint256 amount, bool native) private {
        if (native) {
            vm.deal(actor, amount);
            return;
        }
        if (collateral == address(weth)) {
            vm.deal(address(this), amount);
            weth.deposit{value: amount}();
            weth.transfer(actor, amount);
        } else {
            usdc.mint(actor, amount);
        }
        vm.prank(actor);
        MockERC20(collateral).approve(address(core), amount);
    }

    /// @dev Mostly near the strike, sometimes far on either side, always in (0, 2^128).
    function _settlementValue(uint256 strikeWad, uint256 seed) private pure returns (uint256) {
        uint256 mode = seed % 4;
        if (mode == 0) return bound(seed, 1, strikeWad);
        if (mode == 1) return bound(seed, strikeWad, strikeWad * 3);
        if (mode == 2) return strikeWad;
        return bound(seed, 1, type(uint128).max);
    }

    function _collateralBalance(address actor, address collateral, bool native) private view returns (uint256) {
        return native ? actor.balance : MockERC20(collateral).balanceOf(actor);
    }

    function _moveGhost(uint256 s, bool isN, address from, address to, uint256 amount) private {
        if (isN) {
            ghostN[s][from] -= amount;
            ghostN[s][to] += amount;
        } else {
            ghostP[s][from] -= amount;
            ghostP[s][to] += amount;
        }
    }

    function _burnGhost(uint256 s, address actor, uint256 pAmount, uint256 nAmount) private {
        ghostP[s][actor] -= pAmount;
        ghostN[s][actor] -= nAmount;
        ghostPSupply[s] -= pAmount;
        ghostNSupply[s] -= nAmount;
    }

    function _expect(bytes memory actual, bytes memory expected) private pure {
        assertEq(actual, expected, "unexpected revert");
    }

    /// @dev Mostly ordinary sizes, sometimes dust, sometimes huge.
    function _amount(uint256 seed) private pure returns (uint256) {
        uint256 mode = seed % 8;
        if (mode == 0) return bound(seed, 1, 1000);
        if (mode == 1) return bound(seed, 1, MAX_AMOUNT);
        return bound(seed, 1e15, 1e21);
    }

    function _series(uint256 seed) private pure returns (uint256) {
        return seed % SERIES_COUNT;
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % ACTOR_COUNT];
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    function _max(uint256 a, uint256 b) private pure returns (uint256) {
        return a > b ? a : b;
    }

    receive() external payable {}
}
