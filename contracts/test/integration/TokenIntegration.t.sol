// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {IPNToken} from "../../src/interfaces/IPNToken.sol";
import {PNToken} from "../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey, SeriesKeyLib, Side} from "../../src/types/SeriesKey.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {IERC20} from "forge-std/interfaces/IERC20.sol";
import {ERC20} from "solady/tokens/ERC20.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @notice ERC-20 and EIP-2612 behaviour of the P and N token facades.
contract TokenIntegrationTest is BaseTest {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    address internal constant PERMIT2 = 0x000000000022D473030F116dDEE9F6B43aC78BA3;
    uint256 internal constant MAX = type(uint128).max;

    address internal owner;
    uint256 internal ownerKey;

    function setUp() public override {
        super.setUp();
        (owner, ownerKey) = makeAddrAndKey("owner");
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testTransferToZeroAddress(uint256 amount) public {
        amount = bound(amount, 0, 1 ether);
        splitAs(alice, key, 1 ether);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNToken.InvalidRecipient.selector, address(0)));
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        pToken.transfer(address(0), amount);

        vm.prank(alice);
        nToken.approve(bob, type(uint256).max);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IPNToken.InvalidRecipient.selector, address(0)));
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        nToken.transferFrom(alice, address(0), amount);
    }

    function testTransferInsufficientBalance(uint256 held, uint256 amount, bool onN) public {
        held = bound(held, 0, MAX - 1);
        amount = bound(amount, held + 1, MAX);
        if (held > 0) splitAs(alice, key, held);
        PNToken t = onN ? nToken : pToken;
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IPNCore.InsufficientBalance.selector, id, onN ? Side.N : Side.P, alice, held, amount)
        );
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        t.transfer(bob, amount);
    }

    function testTransferFromInsufficientAllowance(uint256 allowance, uint256 amount) public {
        amount = bound(amount, 1, 1 ether);
        allowance = bound(allowance, 0, amount - 1);
        splitAs(alice, key, 1 ether);
        vm.prank(alice);
        pToken.approve(bob, allowance);
        vm.prank(bob);
        vm.expectRevert(ERC20.InsufficientAllowance.selector);
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        pToken.transferFrom(alice, bob, amount);
    }

    /// @dev An allowance on P is no allowance on N: each token keeps its own.
    function testTransferFromAllowanceIsPerToken(uint256 amount) public {
        amount = bound(amount, 1, 1 ether);
        splitAs(alice, key, 1 ether);
        vm.prank(alice);
        pToken.approve(bob, type(uint256).max);
        assertEq(nToken.allowance(alice, bob), 0);
        vm.prank(bob);
        vm.expectRevert(ERC20.InsufficientAllowance.selector);
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        nToken.transferFrom(alice, bob, amount);
    }

    /// @dev Solady's default standing Permit2 allowance is switched off: Permit2 needs an approval like anyone.
    function testNoPermit2StandingAllowance(uint256 amount) public {
        amount = bound(amount, 1, 1 ether);
        splitAs(alice, key, 1 ether);
        assertEq(pToken.allowance(alice, PERMIT2), 0, "P allowance");
        assertEq(nToken.allowance(alice, PERMIT2), 0, "N allowance");
        vm.prank(PERMIT2);
        vm.expectRevert(ERC20.InsufficientAllowance.selector);
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        pToken.transferFrom(alice, PERMIT2, amount);

        // A finite Permit2 approval is an ordinary approval.
        vm.prank(alice);
        pToken.approve(PERMIT2, amount);
        assertEq(pToken.allowance(alice, PERMIT2), amount);
        vm.prank(PERMIT2);
        assertTrue(pToken.transferFrom(alice, bob, amount));
        assertEq(pToken.allowance(alice, PERMIT2), 0);
    }

    function testPermitExpired(uint256 deadline) public {
        deadline = bound(deadline, 0, block.timestamp - 1);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(pToken, bob, 1 ether, 0, deadline);
        vm.expectRevert(ERC20.PermitExpired.selector);
        pToken.permit(owner, bob, 1 ether, deadline, v, r, s);
    }

    function testPermitReplay(uint256 value) public {
        uint256 deadline = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(pToken, bob, value, 0, deadline);
        pToken.permit(owner, bob, value, deadline, v, r, s);
        vm.expectRevert(ERC20.InvalidPermit.selector);
        pToken.permit(owner, bob, value, deadline, v, r, s);
    }

    function testPermitWrongSigner(uint256 signerKey) public {
        signerKey = bound(signerKey, 1, SECP256K1_ORDER - 1);
        vm.assume(signerKey != ownerKey);
        uint256 deadline = block.timestamp + 1 days;
        bytes32 digest = _permitDigest(pToken, owner, bob, 1 ether, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(signerKey, digest);
        vm.expectRevert(ERC20.InvalidPermit.selector);
        pToken.permit(owner, bob, 1 ether, deadline, v, r, s);
    }

    /// @dev A permit signed for P cannot be played on N: each token has its own domain.
    function testPermitOtherTokensSignature() public {
        uint256 deadline = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(pToken, bob, 1 ether, 0, deadline);
        vm.expectRevert(ERC20.InvalidPermit.selector);
        nToken.permit(owner, bob, 1 ether, deadline, v, r, s);
    }

    function testEmitTransferOnlyCore(address caller, address from, address to, uint256 amount) public {
        vm.assume(caller != address(core));
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IPNToken.OnlyCore.selector, caller));
        pToken.emitTransfer(from, to, amount);
    }

    function testTransferFromTokenByAccount(address caller) public {
        vm.assume(caller != address(pToken) && caller != address(nToken));
        splitAs(alice, key, 1 ether);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotSeriesToken.selector, caller));
        core.transferFromToken(alice, caller, 1 ether);
    }

    function testTransferFromTokenByContract() public {
        splitAs(alice, key, 1 ether);
        DirectLedgerCaller thief = new DirectLedgerCaller();
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotSeriesToken.selector, address(thief)));
        thief.steal(iCore(), alice, 1 ether);
    }

    /// @dev A clone of the real implementation, carrying the real series' args but deployed by someone else:
    /// same code, same size, same series id, yet not at the address the core derives, so it cannot move balances.
    function testTransferFromTokenByForgedClone() public {
        splitAs(alice, key, 1 ether);
        address forged =
            LibClone.cloneDeterministic(core.tokenImplementation(), SeriesKeyLib.tokenArgs(key, Side.P), bytes32(0));
        assertEq(forged.code.length, address(pToken).code.length, "same code size");
        assertEq(PNToken(forged).balanceOf(alice), 1 ether, "reads the real ledger");

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotSeriesToken.selector, forged));
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        PNToken(forged).transfer(bob, 1 ether);
    }

    /// @dev A clone whose side byte is neither P nor N is rejected as a token, not with a panic.
    function testTransferFromTokenByCloneWithInvalidSide() public {
        bytes memory args = abi.encodePacked(SeriesKeyLib.pack(key), uint8(2));
        address forged = LibClone.cloneDeterministic(core.tokenImplementation(), args, bytes32(0));
        vm.prank(forged);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotSeriesToken.selector, forged));
        core.transferFromToken(alice, bob, 0);
    }

    function testTransferFromTokenByImplementation() public {
        address implementation = core.tokenImplementation();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotSeriesToken.selector, implementation));
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        PNToken(implementation).transfer(bob, 0);
    }

    /*//////////////////////////////////////////////////////////////
                                IDENTITY
    //////////////////////////////////////////////////////////////*/

    function testMetadata() public view {
        assertEq(pToken.symbol(), "P-USD-1500-20261231");
        assertEq(nToken.symbol(), "N-USD-1500-20261231");
        assertEq(pToken.name(), "pn P-USD-1500-20261231");
        assertEq(nToken.name(), "pn N-USD-1500-20261231");
        assertEq(pToken.decimals(), 18);
        assertEq(nToken.decimals(), 18);
    }

    function testDecimalsFollowCollateral() public {
        MockERC20 usdc = new MockERC20("USD Coin", "USDC", 6);
        (, PNToken p, PNToken n) = createSeries(keyOf(address(usdc), 1500 * WAD, MATURITY));
        assertEq(p.decimals(), 6);
        assertEq(n.decimals(), 6);
    }

    function testIdentity() public view {
        assertEq(pToken.core(), address(core));
        assertEq(nToken.core(), address(core));
        assertEq(abi.encode(pToken.seriesKey()), abi.encode(key));
        assertEq(abi.encode(nToken.seriesKey()), abi.encode(key));
        assertEq(SeriesId.unwrap(pToken.seriesId()), SeriesId.unwrap(id));
        assertEq(SeriesId.unwrap(nToken.seriesId()), SeriesId.unwrap(id));
        assertEq(uint8(pToken.side()), uint8(Side.P));
        assertEq(uint8(nToken.side()), uint8(Side.N));
    }

    function testIdentityRoundTrip(bytes32 indexId, uint128 strikeWad, uint40 maturity) public {
        strikeWad = uint128(bound(strikeWad, 1, type(uint128).max));
        maturity = uint40(bound(maturity, block.timestamp + 1, type(uint40).max));
        SeriesKey memory k = keyOf(address(token), strikeWad, maturity);
        k.indexId = indexId;
        (SeriesId sid, PNToken p, PNToken n) = createSeries(k);
        assertEq(abi.encode(p.seriesKey()), abi.encode(k), "P key");
        assertEq(abi.encode(n.seriesKey()), abi.encode(k), "N key");
        assertEq(SeriesId.unwrap(p.seriesId()), SeriesId.unwrap(sid), "P id");
        assertEq(SeriesId.unwrap(n.seriesId()), SeriesId.unwrap(sid), "N id");
        assertEq(uint8(p.side()), uint8(Side.P), "P side");
        assertEq(uint8(n.side()), uint8(Side.N), "N side");
    }

    function testDomainSeparator() public {
        assertEq(pToken.DOMAIN_SEPARATOR(), _domainSeparator(pToken), "P");
        assertEq(nToken.DOMAIN_SEPARATOR(), _domainSeparator(nToken), "N");
        assertTrue(pToken.DOMAIN_SEPARATOR() != nToken.DOMAIN_SEPARATOR(), "distinct per token");

        bytes32 before = pToken.DOMAIN_SEPARATOR();
        vm.chainId(block.chainid + 1);
        assertTrue(pToken.DOMAIN_SEPARATOR() != before, "follows the chain id");
        assertEq(pToken.DOMAIN_SEPARATOR(), _domainSeparator(pToken), "recomputed");
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testTransfer(uint256 split, uint256 amount, address to, bool onN) public {
        split = bound(split, 1, MAX);
        amount = bound(amount, 0, split);
        vm.assume(to != address(0) && to != alice);
        splitAs(alice, key, split);
        (PNToken t, PNToken other) = onN ? (nToken, pToken) : (pToken, nToken);

        vm.expectEmit(address(t));
        emit IERC20.Transfer(alice, to, amount);
        vm.prank(alice);
        assertTrue(t.transfer(to, amount));

        assertEq(t.balanceOf(alice), split - amount, "sender");
        assertEq(t.balanceOf(to), amount, "recipient");
        assertEq(other.balanceOf(alice), split, "other side untouched");
        assertEq(other.balanceOf(to), 0, "other side not credited");
        assertEq(t.totalSupply(), split, "supply unchanged");
        assertEq(core.collateralOf(id), split, "collateral unchanged");
    }

    function testTransferToSelf(uint256 split, uint256 amount) public {
        split = bound(split, 1, MAX);
        amount = bound(amount, 0, split);
        splitAs(alice, key, split);
        vm.prank(alice);
        assertTrue(pToken.transfer(alice, amount));
        assertEq(pToken.balanceOf(alice), split);
        assertEq(nToken.balanceOf(alice), split);
    }

    function testTransferFrom(uint256 split, uint256 allowance, uint256 amount, address to) public {
        split = bound(split, 1, MAX);
        allowance = bound(allowance, 0, type(uint256).max - 1);
        amount = bound(amount, 0, split < allowance ? split : allowance);
        vm.assume(to != address(0) && to != alice);
        splitAs(alice, key, split);
        vm.prank(alice);
        nToken.approve(bob, allowance);

        vm.expectEmit(address(nToken));
        emit IERC20.Transfer(alice, to, amount);
        vm.prank(bob);
        assertTrue(nToken.transferFrom(alice, to, amount));

        assertEq(nToken.allowance(alice, bob), allowance - amount, "allowance spent");
        assertEq(nToken.balanceOf(alice), split - amount, "owner");
        assertEq(nToken.balanceOf(to), amount, "recipient");
        assertEq(pToken.balanceOf(alice), split, "P untouched");
    }

    function testTransferFromInfiniteAllowance(uint256 split, uint256 amount) public {
        split = bound(split, 1, MAX);
        amount = bound(amount, 0, split);
        splitAs(alice, key, split);
        vm.prank(alice);
        pToken.approve(bob, type(uint256).max);
        vm.prank(bob);
        assertTrue(pToken.transferFrom(alice, bob, amount));
        assertEq(pToken.allowance(alice, bob), type(uint256).max, "not decremented");
        assertEq(pToken.balanceOf(bob), amount);
    }

    function testApprove(address spender, uint256 amount) public {
        vm.expectEmit(address(pToken));
        emit IERC20.Approval(alice, spender, amount);
        vm.prank(alice);
        assertTrue(pToken.approve(spender, amount));
        assertEq(pToken.allowance(alice, spender), amount, "P allowance");
        assertEq(nToken.allowance(alice, spender), 0, "N allowance");
    }

    function testPermit(address spender, uint256 value, uint256 deadline, bool onN) public {
        deadline = bound(deadline, block.timestamp, type(uint256).max);
        PNToken t = onN ? nToken : pToken;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(t, spender, value, 0, deadline);

        vm.expectEmit(address(t));
        emit IERC20.Approval(owner, spender, value);
        vm.prank(bob); // anyone can submit the signature
        t.permit(owner, spender, value, deadline, v, r, s);

        assertEq(t.allowance(owner, spender), value, "allowance");
        assertEq(t.nonces(owner), 1, "nonce");
        assertEq((onN ? pToken : nToken).nonces(owner), 0, "other token's nonce");
    }

    /// @dev A permitted spender moves the owner's tokens with no transaction from the owner.
    function testPermitThenTransferFrom(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        splitAs(owner, key, amount);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(pToken, bob, amount, 0, deadline);
        pToken.permit(owner, bob, amount, deadline, v, r, s);

        vm.prank(bob);
        assertTrue(pToken.transferFrom(owner, bob, amount));
        assertEq(pToken.balanceOf(bob), amount);
        assertEq(pToken.allowance(owner, bob), 0);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _domainSeparator(PNToken t) internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(t.name())), keccak256("1"), block.chainid, address(t))
            );
    }

    function _permitDigest(PNToken t, address owner_, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner_, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(t), structHash));
    }

    function _signPermit(PNToken t, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        return vm.sign(ownerKey, _permitDigest(t, owner, spender, value, nonce, deadline));
    }
}

/// @dev A contract that calls the core's ledger hook directly, as a token would.
contract DirectLedgerCaller {
    function steal(IPNCore core, address from, uint256 amount) external {
        core.transferFromToken(from, address(this), amount);
    }
}
